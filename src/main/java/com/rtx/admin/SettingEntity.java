package com.rtx.admin;

import com.rtx.platform.http.ApiErrorCode;

import java.util.List;

/**
 * A kind of versioned business setting: its table, key, the fields a version snapshot holds, the
 * optional per-symbol child rows (markup overrides), and the admin operations that change it.
 *
 * @param type {@code settings_version.entity_type} and the audit target type
 * @param keyJson the key's JSON name (and path parameter)
 * @param generatedKey whether the database assigns the key (routing rules)
 * @param versionColumn a column of the table set to each new version ({@code client_group.version}), or null
 * @param children per-symbol rows kept inside the snapshot, or null
 * @param operationSuffix {@code list<Suffix>s}, {@code create<Suffix>}, ... operation ids
 */
record SettingEntity(String type, String table, String keyColumn, String keyJson, boolean generatedKey,
                     String versionColumn, List<SettingField> fields, Children children, String operationSuffix,
                     String listName) {

  /** Rows of {@code table} under the entity ({@code parentColumn} = key), keyed by {@code keyColumn}, in the snapshot's {@code json}. */
  record Children(String json, String table, String parentColumn, String keyColumn, List<SettingField> fields) {
  }

  /** The code of a missing one, named by the path or a rollback. */
  ApiErrorCode notFound() {
    return switch (type) {
      case "group" -> ApiErrorCode.GROUP_NOT_FOUND;
      case "symbol" -> ApiErrorCode.SYMBOL_NOT_FOUND;
      case "markup-profile" -> ApiErrorCode.MARKUP_PROFILE_NOT_FOUND;
      case "lp" -> ApiErrorCode.LP_NOT_FOUND;
      case "routing-rule" -> ApiErrorCode.ROUTING_RULE_NOT_FOUND;
      case "exposure-limit" -> ApiErrorCode.EXPOSURE_LIMIT_NOT_FOUND;
      default -> throw new IllegalStateException("setting type " + type + " has no not-found code");
    };
  }

  /** The key from its path text. */
  Object key(String text) {
    return generatedKey ? (Object) AdminRequest.whole(text, keyJson) : text;
  }

  String columns() {
    StringBuilder out = new StringBuilder(keyColumn);
    fields.forEach(f -> out.append(", ").append(f.column()));
    if (versionColumn != null) {
      out.append(", ").append(versionColumn);
    }
    return out.toString();
  }
}

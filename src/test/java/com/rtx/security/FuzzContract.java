package com.rtx.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One OpenAPI contract as the fuzzer needs it: every operation with its method, path template,
 * parameters and request body schema, {@code $ref}s resolved against the contract's components.
 * Read from the classpath ({@code api/v1/openapi.yaml}, {@code api/admin/v1/openapi.yaml}), the
 * same files the engine serves, so a new operation is fuzzed without touching the fuzzer.
 */
final class FuzzContract {

  /** Trader API. */
  static final String TRADER = "api/v1/openapi.yaml";
  /** Staff API. */
  static final String ADMIN = "api/admin/v1/openapi.yaml";

  /** A parameter: {@code in} is path or query. */
  record Param(String name, String in, boolean required, JsonNode schema) {
  }

  /**
   * One operation.
   *
   * @param base the URL prefix of the API ({@code /api/v1} or {@code /api/admin/v1})
   * @param secured whether it takes a bearer token (false: public, like login)
   * @param body the request body schema, or null when the operation takes none
   */
  record Operation(String base, String id, String method, String template, List<Param> params, JsonNode body,
                   boolean bodyRequired, boolean secured, boolean admin) {

    String name() {
      return (admin ? "admin." : "trader.") + id;
    }
  }

  private final JsonNode root;
  private final List<Operation> operations = new ArrayList<>();

  private FuzzContract(JsonNode root, String base, boolean admin) {
    this.root = root;
    boolean securedByDefault = root.path("security").isArray() && !root.path("security").isEmpty();
    for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
        Map.Entry<String, JsonNode> m = methods.next();
        JsonNode op = m.getValue();
        List<Param> params = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
          JsonNode param = resolve(p);
          params.add(new Param(param.path("name").asText(), param.path("in").asText(), param.path("required").asBoolean(),
            resolve(param.path("schema"))));
        }
        JsonNode requestBody = op.path("requestBody");
        JsonNode schema = requestBody.path("content").path("application/json").path("schema");
        JsonNode security = op.has("security") ? op.get("security") : null;
        // "security: []" or an alternative "{}" means the operation also answers without a token.
        boolean secured = security == null ? securedByDefault
          : security.isArray() && !security.isEmpty() && !hasEmptyAlternative(security);
        operations.add(new Operation(base, op.path("operationId").asText(), m.getKey().toUpperCase(java.util.Locale.ROOT),
          path.getKey(), params, schema.isMissingNode() ? null : schema, requestBody.path("required").asBoolean(false),
          secured, admin));
      }
    }
  }

  private static boolean hasEmptyAlternative(JsonNode security) {
    for (JsonNode alternative : security) {
      if (alternative.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  static FuzzContract load(String resource) {
    boolean admin = resource.equals(ADMIN);
    try (InputStream in = FuzzContract.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("contract not on the classpath: " + resource);
      }
      return new FuzzContract(new ObjectMapper(new YAMLFactory()).readTree(in), admin ? "/api/admin/v1" : "/api/v1", admin);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  List<Operation> operations() {
    return operations;
  }

  /** {@code schema} with its {@code $ref} (and that of what it points at) replaced by the target. */
  JsonNode resolve(JsonNode schema) {
    JsonNode s = schema;
    for (int depth = 0; s != null && s.has("$ref") && depth < 20; depth++) {
      String ref = s.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalStateException("only local $ref is supported: " + ref);
      }
      JsonNode target = root.at(ref.substring(1));
      if (s.size() > 1) {
        // Siblings of $ref (3.1 allows them, e.g. a description) are kept over the target's.
        ObjectNode merged = ((ObjectNode) target).deepCopy();
        s.fields().forEachRemaining(f -> {
          if (!f.getKey().equals("$ref")) {
            merged.set(f.getKey(), f.getValue());
          }
        });
        target = merged;
      }
      s = target;
    }
    return s == null ? JsonNodeFactory.instance.objectNode() : s;
  }
}

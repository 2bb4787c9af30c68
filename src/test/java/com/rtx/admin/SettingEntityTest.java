package com.rtx.admin;

import com.rtx.platform.http.ApiErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SettingEntityTest {

  @Test
  void everySettingTypeHasItsOwnNotFoundCode() {
    assertThat(SettingEntities.ALL).extracting(SettingEntity::notFound).doesNotHaveDuplicates()
      .allMatch(code -> code.status() == 404 && code.name().endsWith("_NOT_FOUND"));
    assertThat(SettingEntities.MARKUP_PROFILE.notFound()).isEqualTo(ApiErrorCode.MARKUP_PROFILE_NOT_FOUND);
  }
}

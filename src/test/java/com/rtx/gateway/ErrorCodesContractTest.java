package com.rtx.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.rtx.platform.http.ApiErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both OpenAPI contracts list exactly the engine's error vocabulary as the enum of
 * {@code error.code}: every {@link com.rtx.core.trading.RejectReason} and every
 * {@link ApiErrorCode}, each once, in the enums' order. A code added to, renamed in or removed from
 * either enum fails here until the contracts say the same.
 */
class ErrorCodesContractTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest
  @ValueSource(strings = {TraderApiRouter.CONTRACT, AdminApiProxy.CONTRACT})
  void theContractsErrorCodesAreExactlyTheVocabulary(String contract) throws IOException {
    JsonNode code = contract(contract).at("/components/schemas/Error/properties/error/properties/code");

    assertThat(code.path("type").asText()).isEqualTo("string");
    assertThat(names(code.path("enum"))).as(contract).containsExactlyElementsOf(ApiErrorCode.vocabulary());
  }

  @ParameterizedTest
  @ValueSource(strings = {TraderApiRouter.CONTRACT, AdminApiProxy.CONTRACT})
  void everyErrorResponseOfTheContractUsesTheErrorSchema(String contract) throws IOException {
    JsonNode error = contract(contract).at("/components/responses/Error/content/application~1json/schema/$ref");

    assertThat(error.asText()).isEqualTo("#/components/schemas/Error");
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }

  private static JsonNode contract(String resource) throws IOException {
    try (InputStream in = ErrorCodesContractTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return YAML.readTree(in);
    }
  }
}

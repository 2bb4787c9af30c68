package com.rtx.admin;

import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The permission each admin operation needs, read from the contract's {@code x-permission} (one
 * source for the documentation, the server-side check and the role × operation test). Loading
 * fails when an operation has none, so no operation can be added unguarded.
 * {@value #PUBLIC}: no authentication (login); {@value #AUTHENTICATED}: any live staff session.
 */
final class OperationPermissions {

  static final String PUBLIC = "public";
  static final String AUTHENTICATED = "authenticated";

  private final Map<String, String> byOperation;

  private OperationPermissions(Map<String, String> byOperation) {
    this.byOperation = Map.copyOf(byOperation);
  }

  static OperationPermissions from(OpenAPIContract contract) {
    Map<String, String> map = new TreeMap<>();
    for (Operation operation : contract.operations()) {
      Object permission = operation.getExtensions().get("x-permission");
      if (!(permission instanceof String p) || p.isBlank()) {
        throw new IllegalStateException("operation " + operation.getOperationId() + " has no x-permission");
      }
      map.put(operation.getOperationId(), p);
    }
    return new OperationPermissions(map);
  }

  /** The permission, or null for an operation the contract does not have. */
  String of(String operationId) {
    return byOperation.get(operationId);
  }

  Set<String> operations() {
    return byOperation.keySet();
  }
}

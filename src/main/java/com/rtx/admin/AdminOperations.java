package com.rtx.admin;

import java.util.Map;

/** A group of admin operations: puts its handlers into the map by operationId. */
@FunctionalInterface
interface AdminOperations {

  void register(Map<String, AdminHandler> handlers);
}

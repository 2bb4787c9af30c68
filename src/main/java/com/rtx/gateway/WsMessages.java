package com.rtx.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * WebSocket {@code /ws} protocol (JSON text frames).
 * <p>Client to server:
 * <pre>
 * {"type":"subscribe","channel":"quotes","symbols":["EURUSD","XAUUSD"]}
 * {"type":"unsubscribe","channel":"quotes","symbols":["EURUSD"]}
 * {"type":"ping","id":"any"}
 * </pre>
 * Server to client:
 * <pre>
 * {"type":"subscribed","channel":"quotes","symbols":[...]}   (then the current quote of each)
 * {"type":"unsubscribed","channel":"quotes","symbols":[...]}
 * {"type":"quote","symbol":"EURUSD","bid":"1.08119","ask":"1.08129","status":"OK","sequence":7,"time":1764...,"lpTime":1764...}
 * {"type":"pong","id":"any","time":1764...}
 * {"type":"error","code":"UNKNOWN_SYMBOL","message":"...","field":"symbols"}
 * </pre>
 * The server also sends WebSocket pings every {@code ws.heartbeat-ms}. A slow reader receives the
 * latest quote of each symbol (older ones it could not take are conflated away); one that stays
 * unable to read for {@code ws.stuck-ms} is closed with code 1008 and a reason.
 */
final class WsMessages {

  private WsMessages() {
  }

  static String error(String code, String message, String field) {
    return new JsonObject().put("type", "error").put("code", code).put("message", message).put("field", field).encode();
  }

  static String ack(String type, JsonArray symbols) {
    return new JsonObject().put("type", type).put("channel", "quotes").put("symbols", symbols).encode();
  }

  static String quote(JsonObject clientQuote) {
    return clientQuote.copy().put("type", "quote").encode();
  }
}

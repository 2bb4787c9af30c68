package com.rtx.bus;

/**
 * The admin role's event-bus contract. Bodies are JSON.
 *
 * <h2>{@value #API}: the admin REST API, forwarded by the gateway (request/reply)</h2>
 * The gateway serves {@code /api/admin/v1} from the contract {@code api/admin/v1/openapi.yaml}: it
 * authenticates the staff bearer token (audience {@code rtx-staff}) and validates the request
 * against the contract, then sends {@code {"operationId", "path": {name: value}, "query": {name:
 * value}, "body": any|null, "staff": {"staffId", "username", "sessionId"}|null, "ip", "userAgent",
 * "requestId"}} here. The admin role authorises (role → permission, checked on every request),
 * does the work, audits it and replies {@code {"status": int, "body": any}} — or {@code {"status",
 * "text", "contentType"}} for non-JSON answers (CSV) — plus optional {@code "headers": {name:
 * value}}. Errors are ordinary replies with status ≥ 400 and body {@code {"error":{code, message,
 * field}}}; "no handlers" means no admin role is running (the gateway answers 503).
 * When the contract refuses a request of an authenticated caller, the gateway first sends the same
 * envelope without path, query and body plus {@code "authorizeOnly": true}: the admin role answers
 * {@code {"status": 204}} when the caller holds the operation's permission (the gateway then answers
 * its 400) or the refusal (403, audited) otherwise — authorization before validation.
 *
 * <h2>{@value #KILL_SWITCH}: published by the admin role</h2>
 * {@code {"engaged": bool, "reason": text|null, "changedBy": username, "changedAt": ISO-8601}} when
 * the global kill switch changes (state kept in table {@code trading_control}); dealing rejects every
 * new order while it is engaged.
 */
public final class AdminAddresses {

  public static final String API = "rtx.admin.api";
  public static final String KILL_SWITCH = "rtx.dealing.kill-switch";

  private AdminAddresses() {
  }
}

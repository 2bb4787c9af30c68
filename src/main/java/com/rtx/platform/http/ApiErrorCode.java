package com.rtx.platform.http;

import com.rtx.core.trading.RejectReason;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every {@code error.code} the engine answers that is not a business rejection: one name per
 * meaning, each with the HTTP status it is answered with by default and what it means. Business
 * rejections are {@link RejectReason}s; together the two enums are the whole vocabulary of the
 * trader API, the admin API and the WebSocket {@code error} frames, and both OpenAPI contracts list
 * exactly these names ({@code ErrorCodesContractTest}). Names never change meaning and are never
 * reused: clients branch on them.
 *
 * <p>The gateway and the admin role turn a code into a status; the statuses live here so that
 * every role that builds a reply derives the same one ({@link #statusOf(String)}).
 */
public enum ApiErrorCode {
  // The request as a whole (Vert.x Web's own refusals)
  BAD_REQUEST(400, "the request is malformed"),
  NOT_FOUND(404, "no resource or operation answers this method and path"),
  METHOD_NOT_ALLOWED(405, "the path does not take this method"),
  PAYLOAD_TOO_LARGE(413, "the request body or WebSocket message is too large"),

  // The request against the contract: error.field names the input
  VALIDATION_MALFORMED_BODY(400, "the body or WebSocket message is not a JSON object"),
  VALIDATION_MISSING_BODY(400, "a JSON request body is required"),
  VALIDATION_MISSING_PARAMETER(400, "a required path, query or header parameter is missing"),
  VALIDATION_MISSING_FIELD(400, "a required field of the body or message is missing"),
  VALIDATION_UNKNOWN_FIELD(400, "the body has a property the contract does not know"),
  VALIDATION_INVALID_VALUE(400, "a value is out of range, of the wrong type or format, or not allowed"),
  VALIDATION_UNSUPPORTED_MEDIA_TYPE(415, "the body or WebSocket frame is not of a supported content type (JSON text)"),

  // Authentication
  UNAUTHENTICATED(401, "no, an expired, a revoked or an invalid access token"),
  INVALID_CREDENTIALS(401, "unknown user or wrong password (the same answer for both)"),
  INVALID_REFRESH_TOKEN(401, "unknown, expired or revoked refresh token"),
  REFRESH_TOKEN_REUSED(401, "a refresh token that was already used: its whole session is revoked"),
  TOTP_REQUIRED(401, "a TOTP code is required for this staff login"),
  INVALID_TOTP(401, "the TOTP code is wrong or was already used"),
  REAUTHENTICATION_REQUIRED(401, "the password and a current TOTP code are required to replace a second factor"),
  NO_TOTP_ENROLMENT(409, "no pending TOTP enrolment to confirm"),
  LOGIN_DISABLED(403, "right password, but the login is locked or disabled by staff"),
  LOGIN_LOCKED(403, "right password, but the login is locked for a while after too many failures; see Retry-After"),
  LOGIN_THROTTLED(429, "too many failed logins for the username or client address; see Retry-After"),
  PASSWORD_CHANGE_REQUIRED(403, "the password was set by staff and must be changed first"),
  PASSWORD_UNCHANGED(422, "the new password equals the current one"),

  // Authorisation
  PERMISSION_DENIED(403, "the staff role lacks the operation's permission"),
  SOURCE_NOT_ALLOWED(403, "the client address may not use the admin API"),
  SUPER_ADMIN_ONLY(403, "only a SUPER_ADMIN may do this"),
  ROLE_PROTECTED(403, "the SUPER_ADMIN role always holds every permission"),
  OWN_ROLE(403, "nobody changes their own role"),
  GRANT_EXCEEDED(403, "the target holds permissions beyond the actor's own role"),

  // Named things that do not exist (the path's or the body's id)
  ACCOUNT_NOT_FOUND(404, "no such account, or not the caller's"),
  TRADER_NOT_FOUND(404, "no such trader"),
  STAFF_NOT_FOUND(404, "no such staff member"),
  BALANCE_REQUEST_NOT_FOUND(404, "no such balance request"),
  GROUP_NOT_FOUND(404, "no such client group"),
  SYMBOL_NOT_FOUND(404, "no such symbol setting"),
  MARKUP_PROFILE_NOT_FOUND(404, "no such markup profile"),
  LP_NOT_FOUND(404, "no such liquidity provider"),
  ROUTING_RULE_NOT_FOUND(404, "no such routing rule"),
  EXPOSURE_LIMIT_NOT_FOUND(404, "no such exposure limit"),
  VERSION_NOT_FOUND(404, "the setting has no such version"),

  // Settings and accounts: refused by a rule
  UNKNOWN_GROUP(422, "the body names a client group that does not exist"),
  UNKNOWN_PERMISSION(422, "the body names a permission that does not exist"),
  INVALID_SETTING(422, "the values break a rule of the setting"),
  LEVERAGE_ABOVE_MAXIMUM(422, "leverage is above admin.max-leverage"),
  LEVERAGE_ABOVE_GROUP(422, "leverage is above the group's"),

  // Conflicts with the current state
  ALREADY_EXISTS(409, "a thing with that key already exists"),
  REFERENCE_CONFLICT(409, "refused by a reference between settings"),
  SYMBOL_IN_USE(409, "open positions or working orders hold the symbol"),
  ACCOUNT_HAS_OPEN_TRADES(409, "the account holds positions or orders"),
  ACCOUNT_NOT_IDLE(409, "the account is busy in its dealing shard; retry shortly"),
  FOUR_EYES_REQUIRED(409, "a second staff member must approve this"),
  REQUEST_NOT_PENDING(409, "the balance request is no longer pending"),
  ORDER_NOT_UNKNOWN(409, "the order is not UNKNOWN at its LP: only an order its LP has gone silent about is settled by hand"),

  // Limits
  RATE_LIMITED(429, "too many orders per second for the account"),
  TOO_MANY_CONNECTIONS(429, "too many WebSocket connections from the client address"),
  SUBSCRIPTION_LIMIT(429, "the WebSocket connection holds its maximum of subscriptions"),

  // Availability: nothing was done, retry
  SERVICE_UNAVAILABLE(503, "the service is not available right now; retry shortly"),
  SHUTTING_DOWN(503, "the node is shutting down; retry on another node"),
  WS_CAPACITY(503, "the node holds its maximum of WebSocket connections; retry shortly"),
  DEALING_UNAVAILABLE(503, "the account's dealing shard is not available right now; retry shortly"),
  GROUP_UNAVAILABLE(503, "the account's client group is not loaded in dealing right now; retry shortly"),
  ADMIN_UNAVAILABLE(503, "no admin service is running; retry shortly"),
  EXPOSURE_UNAVAILABLE(503, "the hedger did not answer; retry shortly"),

  // Server side
  OUTCOME_UNKNOWN(504, "the service did not answer in time: the request may or may not have been applied"),
  NOT_PERSISTED(500, "the command could not be stored and was not applied"),
  INTERNAL_ERROR(500, "a bug or an unexpected failure; quote the request id to support");

  private final int status;
  private final String meaning;

  ApiErrorCode(int status, String meaning) {
    this.status = status;
    this.meaning = meaning;
  }

  /** The HTTP status this code is answered with unless its caller says otherwise. */
  public int status() {
    return status;
  }

  /** What it means, in English, for logs and the API documentation. */
  public String meaning() {
    return meaning;
  }

  /** A business rejection's status: 404 for a missing order or position, 422 for the rest. */
  public static int statusOf(RejectReason reason) {
    return reason.name().endsWith("_NOT_FOUND") ? 404 : 422;
  }

  /**
   * The status of a command a dealing shard served, by its outcome ({@code DealingReply.Status}'s
   * name): 202 while the order is at an LP, a rejection's per {@link #statusOf(RejectReason)} (422
   * when the rejection is an order's event without a reason), 200 otherwise.
   */
  public static int statusOfOutcome(String outcome, RejectReason reason) {
    return switch (outcome) {
      case "SENT_TO_LP" -> 202;
      case "REJECTED" -> reason == null ? 422 : statusOf(reason);
      default -> 200;
    };
  }

  /**
   * The status of any code of the vocabulary: an {@code ApiErrorCode}'s own, a
   * {@link RejectReason}'s per {@link #statusOf(RejectReason)}, and 500 for a name outside it
   * (a bug: every code a role answers is one of the two enums).
   */
  public static int statusOf(String code) {
    for (ApiErrorCode c : values()) {
      if (c.name().equals(code)) {
        return c.status;
      }
    }
    for (RejectReason r : RejectReason.values()) {
      if (r.name().equals(code)) {
        return statusOf(r);
      }
    }
    return INTERNAL_ERROR.status;
  }

  /** Every name of the vocabulary: the rejection reasons, then these codes. */
  public static Set<String> vocabulary() {
    Set<String> names = new LinkedHashSet<>();
    Arrays.stream(RejectReason.values()).forEach(r -> names.add(r.name()));
    Arrays.stream(values()).forEach(c -> names.add(c.name()));
    return names;
  }
}

/**
 * The admin role: staff authentication (own JWT audience, TOTP, lockout), role-based access with
 * the role → permission mapping in PostgreSQL, the hash-chained audit log, and the back-office and
 * dealer-desk operations of {@code /api/admin/v1}. HTTP is the gateway's: it validates requests
 * against {@code api/admin/v1/openapi.yaml} and forwards them over the bus
 * ({@link com.rtx.bus.AdminAddresses#API}); {@link com.rtx.admin.AdminVerticle} authorises,
 * acts, audits and replies. Trading state is dealing's: money, status, close and cancel go to the
 * account's dealing shard over the bus.
 */
package com.rtx.admin;

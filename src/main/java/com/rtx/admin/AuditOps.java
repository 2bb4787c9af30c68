package com.rtx.admin;

import java.util.Map;

/**
 * Reading and verifying the audit log. Reads are not audited; a verification is (who checked the
 * chain and what they found is itself evidence), written after the check so it never checks itself.
 */
final class AuditOps implements AdminOperations {

  private final AuditLog audit;
  private final java.time.Clock clock;

  AuditOps(AuditLog audit, java.time.Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void register(Map<String, AdminHandler> handlers) {
    handlers.put("listAudit", (req, actor) -> audit.list(req).map(AdminReply::ok));
    handlers.put("verifyAudit", (req, actor) -> audit.verify().compose(result -> audit.append(
        AuditEntry.of(clock.instant(), req, actor, "verifyAudit", AuditEntry.OK).target("audit_log", null)
          .change(null, result))
      .map(id -> AdminReply.ok(result))));
  }
}

package com.rtx.security;

import com.rtx.support.Eventually;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must still hold after the fuzzer's run, checked against PostgreSQL and the engine's API:
 * <ol>
 *   <li><b>Ledgers</b>: every account's balance is the sum of its balance-moving ledger entries,
 *       its credit the sum of its CREDIT entries, and its last entry's balance_after is its balance;</li>
 *   <li><b>Margin control</b>: every account with open positions is held by its dealing shard
 *       (its state answers, with exactly the open positions PostgreSQL has), where every quote it
 *       needs is dealable its margin level is not below the group's stop-out level (else the
 *       stop-out did not run) and below the margin-call level the margin call is raised, and no
 *       step of automatic processing failed ({@code rtx_dealing_processing_faults_total} is 0);</li>
 *   <li><b>Audit chain</b>: {@code POST /api/admin/v1/audit/verify} answers OK.</li>
 * </ol>
 * Accounts of traders the fuzzer cannot log in as are covered by the ledger and fault checks only
 * (their number is reported).
 */
final class FuzzInvariants {

  /** One check's outcome. */
  record Check(String name, boolean ok, String detail) {
    @Override
    public String toString() {
      return (ok ? "OK     " : "BROKEN ") + name + ": " + detail;
    }
  }

  private final String jdbcUrl;
  private final Properties jdbcProperties;
  private final FuzzSessions sessions;
  private final String metricsUrl;

  /**
   * @param metricsUrl the management port's {@code /metrics}, or null when unreachable
   */
  FuzzInvariants(String jdbcUrl, Properties jdbcProperties, FuzzSessions sessions, String metricsUrl) {
    this.jdbcUrl = jdbcUrl;
    this.jdbcProperties = jdbcProperties;
    this.sessions = sessions;
    this.metricsUrl = metricsUrl;
  }

  List<Check> checkAll(Runnable freshQuotes) {
    List<Check> checks = new ArrayList<>();
    checks.add(ledgers());
    checks.add(marginControl(freshQuotes));
    checks.add(processingFaults());
    checks.add(auditChain());
    return checks;
  }

  Check ledgers() {
    String sql = "SELECT a.id, a.balance, a.credit,"
      + " coalesce(sum(l.amount) FILTER (WHERE l.type <> 'CREDIT'), 0) AS ledger_balance,"
      + " coalesce(sum(l.amount) FILTER (WHERE l.type = 'CREDIT'), 0) AS ledger_credit,"
      + " (SELECT balance_after FROM ledger_entry x WHERE x.account_id = a.id ORDER BY x.id DESC LIMIT 1) AS last_after"
      + " FROM account a LEFT JOIN ledger_entry l ON l.account_id = a.id GROUP BY a.id ORDER BY a.id";
    List<String> broken = new ArrayList<>();
    int accounts = 0;
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        accounts++;
        long balance = r.getLong("balance");
        long lastAfter = r.getLong("last_after");
        boolean hasEntries = !r.wasNull();
        if (balance != r.getLong("ledger_balance") || r.getLong("credit") != r.getLong("ledger_credit")
          || (hasEntries && lastAfter != balance)) {
          broken.add("account " + r.getLong("id") + ": balance " + balance + " vs ledger " + r.getLong("ledger_balance")
            + ", credit " + r.getLong("credit") + " vs ledger " + r.getLong("ledger_credit") + ", last balance_after " + lastAfter);
        }
      }
    } catch (SQLException e) {
      return new Check("ledgers", false, "cannot read: " + e.getMessage());
    }
    return new Check("ledgers", broken.isEmpty(), broken.isEmpty()
      ? accounts + " accounts, every balance and credit equals the sum of its ledger entries" : String.join("; ", broken));
  }

  Check marginControl(Runnable freshQuotes) {
    sessions.renewAll();
    Map<Long, String> owners = new HashMap<>();
    for (String trader : List.of(FuzzSessions.TRADER1, FuzzSessions.TRADER2)) {
      for (JsonNode a : sessions.call("GET", "/api/v1/accounts", null, sessions.token(trader)).path("accounts")) {
        owners.put(a.path("id").asLong(), trader);
      }
    }
    // Re-valued on fresh quotes (a stop-out runs on the next quote), then polled until the shards
    // have processed them; the deadline only turns a hang into a finding.
    Summary last = Eventually.value(Duration.ofSeconds(60), () -> {
      freshQuotes.run();
      return marginPass(owners);
    }, pass -> pass.problems().isEmpty());
    List<String> problems = last.problems();
    String detail = last.withPositions() + " accounts with open positions (" + last.positions() + " positions), "
      + last.checked() + " checked through their shard (" + last.levelChecked() + " with every quote dealable: level above "
      + "stop-out, margin call raised below its level), " + last.notOwned() + " of other traders by the ledger and fault checks";
    return new Check("margin control", problems.isEmpty(), problems.isEmpty() ? detail : detail + "; " + String.join("; ", problems));
  }

  private record Summary(int withPositions, int positions, int checked, int levelChecked, int notOwned, List<String> problems) {
  }

  private Summary marginPass(Map<Long, String> owners) {
    Map<Long, Set<Long>> open = new HashMap<>();
    Map<String, BigDecimal[]> levels = new HashMap<>();
    int positions = 0;
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT account_id, id FROM position WHERE closed_at IS NULL")) {
        while (r.next()) {
          open.computeIfAbsent(r.getLong(1), k -> new TreeSet<>()).add(r.getLong(2));
          positions++;
        }
      }
      try (ResultSet r = s.executeQuery("SELECT name, stop_out_level, margin_call_level FROM client_group")) {
        while (r.next()) {
          levels.put(r.getString(1), new BigDecimal[] {r.getBigDecimal(2), r.getBigDecimal(3)});
        }
      }
    } catch (SQLException e) {
      return new Summary(0, 0, 0, 0, 0, List.of("cannot read positions: " + e.getMessage()));
    }
    Map<String, String> quoteStatus = new HashMap<>();
    for (JsonNode q : sessions.call("GET", "/api/v1/quotes", null, null).path("quotes")) {
      quoteStatus.put(q.path("symbol").asText(), q.path("status").asText());
    }
    List<String> problems = new ArrayList<>();
    int checked = 0;
    int levelChecked = 0;
    int notOwned = 0;
    for (Map.Entry<Long, Set<Long>> e : open.entrySet()) {
      long id = e.getKey();
      String owner = owners.get(id);
      if (owner == null) {
        notOwned++;
        continue;
      }
      checked++;
      JsonNode state;
      try {
        state = sessions.call("GET", "/api/v1/accounts/" + id, null, sessions.token(owner));
      } catch (IllegalStateException ex) {
        problems.add("account " + id + ": its shard does not answer: " + ex.getMessage());
        continue;
      }
      Set<Long> held = new TreeSet<>();
      Set<String> symbols = new TreeSet<>();
      for (JsonNode p : state.path("positions")) {
        held.add(p.path("positionId").asLong());
        symbols.add(p.path("symbol").asText());
      }
      if (!held.equals(e.getValue())) {
        problems.add("account " + id + ": the shard holds positions " + held + ", PostgreSQL " + e.getValue());
        continue;
      }
      JsonNode account = state.path("account");
      BigDecimal[] groupLevels = levels.get(account.path("group").asText());
      boolean dealable = symbols.stream().allMatch(sym -> "OK".equals(quoteStatus.get(sym)));
      if (groupLevels == null || !dealable || !account.hasNonNull("marginLevel")) {
        continue;
      }
      levelChecked++;
      BigDecimal level = new BigDecimal(account.path("marginLevel").asText());
      if (level.compareTo(groupLevels[0]) < 0) {
        problems.add("account " + id + ": margin level " + level + "% is below the stop-out level " + groupLevels[0]
          + "% with its quotes dealable: the stop-out did not run");
      } else if (level.compareTo(groupLevels[1]) < 0 && !account.path("marginCall").asBoolean()) {
        problems.add("account " + id + ": margin level " + level + "% is below the margin-call level " + groupLevels[1]
          + "% and no margin call is raised");
      }
    }
    return new Summary(open.size(), positions, checked, levelChecked, notOwned, problems);
  }

  Check processingFaults() {
    if (metricsUrl == null) {
      return new Check("processing faults", true, "not checked: no management port given");
    }
    try {
      // HTTP/1.1 as Prometheus scrapes: the JDK client's default h2c upgrade of a large body misread a frame here.
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(metricsUrl)).timeout(java.time.Duration.ofSeconds(30)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
      double total = 0;
      List<String> lines = new ArrayList<>();
      for (String line : r.body().split("\n")) {
        if (line.startsWith("rtx_dealing_processing_faults_total{")) {
          double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          total += value;
          if (value > 0) {
            lines.add(line);
          }
        }
      }
      return new Check("processing faults", total == 0, total == 0
        ? "rtx_dealing_processing_faults_total is 0 in every stage: no trigger, trailing stop, stop-out or margin run failed"
        : String.join("; ", lines));
    } catch (java.io.IOException | RuntimeException e) {
      return new Check("processing faults", false, "cannot read " + metricsUrl + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Check("processing faults", false, "interrupted");
    }
  }

  Check auditChain() {
    try {
      JsonNode result = sessions.call("POST", "/api/admin/v1/audit/verify", null, sessions.adminToken());
      boolean ok = "OK".equals(result.path("status").asText());
      return new Check("audit chain", ok, ok ? result.path("rows").asLong() + " rows, every hash and link verified" : result.toString());
    } catch (IllegalStateException e) {
      return new Check("audit chain", false, e.getMessage());
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, jdbcProperties);
  }
}

package com.rtx.routing;

import com.rtx.routing.LpPositionCheck.Line;
import com.rtx.routing.LpPositionCheck.Outcome;
import org.junit.jupiter.api.Test;
import quickfix.Message;
import quickfix.field.MsgType;
import quickfix.field.PosReqID;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.fix44.BusinessMessageReject;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison of the house position at an LP with the platform's record, per symbol. */
class LpPositionCheckTest {

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static Line only(Map<String, BigDecimal> lp, Map<String, BigDecimal> platform, Set<String> inFlight) {
    List<Line> lines = LpPositionCheck.compare(lp, platform, inFlight);
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }

  @Test
  void equalPositionsMatchWhateverTheirScale() {
    Line line = only(Map.of("EURUSD", d("1.50000")), Map.of("EURUSD", d("1.5")), Set.of());
    assertThat(line.outcome()).isEqualTo(Outcome.MATCH);
    assertThat(line.difference().signum()).isZero();
    assertThat(line.isDifference()).isFalse();
  }

  @Test
  void bothFlatOnBothSidesGivesNoLine() {
    assertThat(LpPositionCheck.compare(Map.of(), Map.of(), Set.of("EURUSD"))).isEmpty();
  }

  @Test
  void aPositionOnlyAtTheLpIsAnOrphan() {
    Line line = only(Map.of("EURUSD", d("0.30")), Map.of(), Set.of());
    assertThat(line.outcome()).isEqualTo(Outcome.ORPHAN);
    assertThat(line.platform()).isEqualByComparingTo("0");
    assertThat(line.difference()).isEqualByComparingTo("0.30");
  }

  @Test
  void moreAtTheLpOnTheSameSideIsAnOrphan() {
    assertThat(only(Map.of("EURUSD", d("-2")), Map.of("EURUSD", d("-1.5")), Set.of()).outcome())
      .isEqualTo(Outcome.ORPHAN);
  }

  @Test
  void theOtherSideAtTheLpIsAnOrphan() {
    Line line = only(Map.of("EURUSD", d("-1")), Map.of("EURUSD", d("1")), Set.of());
    assertThat(line.outcome()).isEqualTo(Outcome.ORPHAN);
    assertThat(line.difference()).isEqualByComparingTo("-2");
  }

  @Test
  void aPositionOnlyInThePlatformIsAMissingHedge() {
    Line line = only(Map.of(), Map.of("GBPUSD", d("-0.01")), Set.of());
    assertThat(line.outcome()).isEqualTo(Outcome.MISSING_HEDGE);
    assertThat(line.difference()).isEqualByComparingTo("0.01");
  }

  @Test
  void lessAtTheLpOnTheSameSideIsAMissingHedge() {
    assertThat(only(Map.of("EURUSD", d("1")), Map.of("EURUSD", d("3")), Set.of()).outcome())
      .isEqualTo(Outcome.MISSING_HEDGE);
  }

  @Test
  void aSymbolWithOrdersStillAtTheLpIsInFlightAndNeverRepaired() {
    Line line = only(Map.of("EURUSD", d("2")), Map.of("EURUSD", d("1")), Set.of("EURUSD"));
    assertThat(line.outcome()).isEqualTo(Outcome.IN_FLIGHT);
    assertThat(line.difference()).isEqualByComparingTo("1");
    assertThat(line.note()).contains("still open");
    assertThat(LpPositionCheck.repairable(line, d("100"))).isFalse();
  }

  @Test
  void linesComeBySymbolFromEitherSide() {
    List<Line> lines = LpPositionCheck.compare(Map.of("USDJPY", d("1"), "AUDUSD", d("1")),
      Map.of("EURUSD", d("1"), "USDJPY", d("1")), Set.of());
    assertThat(lines).extracting(Line::symbol).containsExactly("AUDUSD", "EURUSD", "USDJPY");
    assertThat(lines).extracting(Line::outcome).containsExactly(Outcome.ORPHAN, Outcome.MISSING_HEDGE, Outcome.MATCH);
  }

  @Test
  void aHugeExponentIsUnreadableWithoutBeingExpanded() {
    Line line = only(Map.of("EURUSD", d("1E+999999999")), Map.of("EURUSD", d("1")), Set.of());
    assertThat(line.outcome()).isEqualTo(Outcome.UNREADABLE);
    assertThat(line.difference()).isNull();
    assertThat(line.atLp()).isNull();
    assertThat(line.note()).contains("reported by the LP").hasSizeLessThan(200);
    assertThat(LpPositionCheck.repairable(line, d("1000"))).isFalse();
  }

  @Test
  void aTinyExponentOrTooManyDecimalsIsUnreadable() {
    assertThat(only(Map.of("EURUSD", d("1E-999999999")), Map.of(), Set.of()).outcome()).isEqualTo(Outcome.UNREADABLE);
    assertThat(only(Map.of("EURUSD", d("0.000000001")), Map.of(), Set.of()).outcome()).isEqualTo(Outcome.UNREADABLE);
  }

  @Test
  void beyondABillionLotsIsUnreadableEitherSide() {
    assertThat(only(Map.of("EURUSD", d("-1000000000.01")), Map.of(), Set.of()).outcome())
      .isEqualTo(Outcome.UNREADABLE);
    Line platform = only(Map.of(), Map.of("EURUSD", d("99999999999999999999")), Set.of());
    assertThat(platform.outcome()).isEqualTo(Outcome.UNREADABLE);
    assertThat(platform.note()).contains("recorded");
    assertThat(only(Map.of("EURUSD", d("1000000000")), Map.of(), Set.of()).outcome()).isEqualTo(Outcome.ORPHAN);
  }

  @Test
  void aNullQuantityIsUnreadable() {
    Map<String, BigDecimal> lp = new HashMap<>();
    lp.put("EURUSD", null);
    assertThat(only(lp, Map.of("EURUSD", d("1")), Set.of()).outcome()).isEqualTo(Outcome.UNREADABLE);
  }

  @Test
  void eightDecimalsAreCompared() {
    Line line = only(Map.of("EURUSD", d("1.00000001")), Map.of("EURUSD", d("1")), Set.of());
    assertThat(line.outcome()).isEqualTo(Outcome.ORPHAN);
    assertThat(line.difference()).isEqualByComparingTo("0.00000001");
  }

  @Test
  void repairedOnlyWithinTheMaximumAndNeverWhenItIsZero() {
    Line line = only(Map.of("EURUSD", d("0.5")), Map.of(), Set.of());
    assertThat(LpPositionCheck.repairable(line, d("0.5"))).isTrue();
    assertThat(LpPositionCheck.repairable(line, d("0.49"))).isFalse();
    assertThat(LpPositionCheck.repairable(line, BigDecimal.ZERO)).isFalse();
    Line match = only(Map.of("EURUSD", d("1")), Map.of("EURUSD", d("1")), Set.of());
    assertThat(LpPositionCheck.repairable(match, d("10"))).isFalse();
    Line missing = only(Map.of(), Map.of("EURUSD", d("-0.5")), Set.of());
    assertThat(LpPositionCheck.repairable(missing, d("1"))).isTrue();
  }

  @Test
  void unitsBecomeLotsByTheContractSize() {
    assertThat(LpPositionCheck.lots(d("150000"), d("100000")).orElseThrow()).isEqualByComparingTo("1.5");
    assertThat(LpPositionCheck.lots(d("-1"), d("100000")).orElseThrow()).isEqualByComparingTo("-0.00001");
    assertThat(LpPositionCheck.lots(d("1"), d("3")).orElseThrow()).isEqualByComparingTo("0.33333333");
    assertThat(LpPositionCheck.lots(d("0"), d("100000")).orElseThrow()).isEqualByComparingTo("0");
  }

  @Test
  void hostileUnitsOrContractSizesGiveNoLots() {
    assertThat(LpPositionCheck.lots(d("1E+999999999"), d("100000"))).isEmpty();
    assertThat(LpPositionCheck.lots(d("1E-999999999"), d("100000"))).isEmpty();
    assertThat(LpPositionCheck.lots(d("1000"), BigDecimal.ZERO)).isEmpty();
    assertThat(LpPositionCheck.lots(d("1000"), d("-100000"))).isEmpty();
    assertThat(LpPositionCheck.lots(d("1000"), null)).isEmpty();
    assertThat(LpPositionCheck.lots(null, d("100000"))).isEmpty();
  }

  @Test
  void aPositionReportNetsLongAndShortAndRejectsHostileQuantities() throws Exception {
    Message good = positionReport("REQ-1", "EURUSD", "250000", "50000");
    PositionMessages.Report report = PositionMessages.report("LP1", good);
    assertThat(report.posReqId()).isEqualTo("REQ-1");
    assertThat(report.symbol()).isEqualTo("EURUSD");
    assertThat(report.netUnits()).isEqualByComparingTo("200000");

    PositionMessages.Report hostile = PositionMessages.report("LP1", positionReport("REQ-1", "EURUSD", "1E+999999999", "0"));
    assertThat(hostile.netUnits()).isNull();
    PositionMessages.Report letters = PositionMessages.report("LP1", positionReport("REQ-1", "EURUSD", "NaN", "0"));
    assertThat(letters.netUnits()).isNull();
    PositionMessages.Report long1 = PositionMessages.report("LP1",
      positionReport("REQ-1", "EURUSD", "1".repeat(30), "0"));
    assertThat(long1.netUnits()).isNull();
  }

  @Test
  void aRefusedRequestForPositionsIsFoundByItsSequenceNumber() throws Exception {
    SentMessages sent = new SentMessages();
    sent.sent(12, MsgType.REQUEST_FOR_POSITIONS, "POS-abc-1");
    BusinessMessageReject reject = new BusinessMessageReject(new RefMsgType(MsgType.REQUEST_FOR_POSITIONS),
      new quickfix.field.BusinessRejectReason(quickfix.field.BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE));
    reject.set(new RefSeqNum(12));
    LpRefusals.Refusal refusal = LpRefusals.read("LP1", reject, sent).orElseThrow();
    assertThat(refusal.msgType()).isEqualTo(MsgType.REQUEST_FOR_POSITIONS);
    assertThat(refusal.clOrdId()).isEqualTo("POS-abc-1");
  }

  @Test
  void theRequestCarriesWhatFix44Requires() throws Exception {
    Message request = PositionMessages.request("POS-x-1", java.time.Instant.parse("2026-12-02T10:00:00Z"));
    assertThat(request.getString(PosReqID.FIELD)).isEqualTo("POS-x-1");
    assertThat(request.getString(quickfix.field.ClearingBusinessDate.FIELD)).isEqualTo("20261202");
    assertThat(request.getString(quickfix.field.Account.FIELD)).isEqualTo("house");
  }

  private static Message positionReport(String reqId, String symbol, String longQty, String shortQty) {
    quickfix.fix44.PositionReport report = new quickfix.fix44.PositionReport();
    report.setString(PosReqID.FIELD, reqId);
    report.setString(quickfix.field.Symbol.FIELD, symbol);
    quickfix.fix44.PositionReport.NoPositions group = new quickfix.fix44.PositionReport.NoPositions();
    group.setString(quickfix.field.PosType.FIELD, "TQ");
    group.setString(quickfix.field.LongQty.FIELD, longQty);
    group.setString(quickfix.field.ShortQty.FIELD, shortQty);
    report.addGroup(group);
    return report;
  }
}

package com.rtx.lpsim;

import com.rtx.lpsim.MarketDataMessages.MdRequest;
import com.rtx.lpsim.MarketDataMessages.RequestType;
import org.junit.jupiter.api.Test;
import quickfix.DataDictionary;
import quickfix.Message;
import quickfix.field.MDReqRejReason;
import quickfix.field.SubscriptionRequestType;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The messages as bytes on the wire, and valid against the FIX 4.4 dictionary the receiver uses. */
class MarketDataMessagesTest {

  private static final SimInstrument USDJPY = new SimInstrument("USDJPY", 3, 151_500, 10, 1000, 1_000_000);
  private static final Quote QUOTE = new Quote(151_495, 151_505);
  private static final Instant AT = Instant.parse("2026-03-02T09:15:30.123456Z");

  private static String wire(Message message) {
    return message.toString().replace('\u0001', '|');
  }

  private static void assertValid(Message message) throws Exception {
    new DataDictionary("FIX44.xml").validate(message, true);
  }

  @Test
  void snapshotCarriesBothSidesWithTheInstrumentsDigitsAndTheQuoteTime() throws Exception {
    Message snapshot = MarketDataMessages.snapshot("md-1", USDJPY, QUOTE, AT);

    assertThat(wire(snapshot)).contains("|35=W|")
      .contains("|55=USDJPY|", "|262=md-1|", "|268=2|")
      .contains("|269=0|270=151.495|271=1000000|272=20260302|273=09:15:30.123|")
      .contains("|269=1|270=151.505|271=1000000|272=20260302|273=09:15:30.123|");
    assertValid(snapshot);
  }

  @Test
  void incrementalIsOneQuoteOfChangeEntriesNamingTheSymbol() throws Exception {
    Message update = MarketDataMessages.incremental("md-1", USDJPY, new Quote(151_400, 151_410), AT);

    assertThat(wire(update)).contains("|35=X|", "|262=md-1|", "|268=2|")
      .contains("|279=1|269=0|55=USDJPY|270=151.400|271=1000000|272=20260302|273=09:15:30.123|")
      .contains("|279=1|269=1|55=USDJPY|270=151.410|");
    assertValid(update);
  }

  @Test
  void rejectCarriesReasonAndText() throws Exception {
    Message reject = MarketDataMessages.reject("md-9", MDReqRejReason.UNKNOWN_SYMBOL, "unknown symbol FOO");

    assertThat(wire(reject)).contains("|35=Y|", "|262=md-9|", "|281=0|", "|58=unknown symbol FOO|");
    assertValid(reject);
  }

  @Test
  void requestIsReadWithItsTypeAndSymbols() throws Exception {
    MdRequest request = MarketDataMessages.parseRequest(
      FixTestClient.request("md-1", SubscriptionRequestType.SNAPSHOT_UPDATES, "EURUSD", "USDJPY"));

    assertThat(request).isEqualTo(new MdRequest("md-1", RequestType.SUBSCRIBE, List.of("EURUSD", "USDJPY")));
    assertThat(MarketDataMessages.parseRequest(FixTestClient.request("a", SubscriptionRequestType.SNAPSHOT, "X")).type())
      .isEqualTo(RequestType.SNAPSHOT);
    assertThat(MarketDataMessages.parseRequest(FixTestClient.request("a",
      SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST, "X")).type()).isEqualTo(RequestType.UNSUBSCRIBE);
  }
}

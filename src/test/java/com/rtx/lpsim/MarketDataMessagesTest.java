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
  void quoteEntryIdsGoOnEachSideWhenTheLpStampsThem() throws Exception {
    Message update = MarketDataMessages.incremental("md-1", USDJPY, QUOTE, AT, SimDialect.PLATFORM, "LP1-Qx-7B", "LP1-Qx-7A");
    Message snapshot = MarketDataMessages.snapshot("md-1", USDJPY, QUOTE, AT, SimDialect.PLATFORM, "LP1-Qx-7B", "LP1-Qx-7A");

    for (Message message : new Message[] {update, snapshot}) {
      assertThat(wire(message)).containsPattern("\\|269=0\\|(?:(?!\\|269=).)*?270=151.495\\|(?:(?!\\|269=).)*?299=LP1-Qx-7B\\|")
        .containsPattern("\\|269=1\\|(?:(?!\\|269=).)*?270=151.505\\|(?:(?!\\|269=).)*?299=LP1-Qx-7A\\|");
      assertValid(message);
    }
    assertThat(wire(MarketDataMessages.incremental("md-1", USDJPY, QUOTE, AT))).doesNotContain("|299=");
  }

  @Test
  void issuedQuoteIdsAreHonouredForTheirSymbolSideAndPriceWhileValid() {
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    IssuedQuotes ids = new IssuedQuotes("LP1", start);
    assertThat(ids.stamp("USDJPY", QUOTE, start)).containsOnlyNulls();
    ids.set(true, 500);
    String[] stamped = ids.stamp("USDJPY", QUOTE, start);
    assertThat(stamped[0]).startsWith("LP1-Q").endsWith("1B");
    assertThat(stamped[1]).endsWith("1A");
    assertThat(ids.honours(stamped[1], "USDJPY", true, QUOTE.ask(), start.plusMillis(500))).as("a buy on the ask").isTrue();
    assertThat(ids.honours(stamped[0], "USDJPY", false, QUOTE.bid(), start)).as("a sell on the bid").isTrue();
    assertThat(ids.honours(stamped[0], "USDJPY", true, QUOTE.bid(), start)).as("a buy on the bid id").isFalse();
    assertThat(ids.honours(stamped[1], "USDJPY", true, QUOTE.ask() + 1, start)).as("another price").isFalse();
    assertThat(ids.honours(stamped[1], "EURUSD", true, QUOTE.ask(), start)).as("another symbol").isFalse();
    assertThat(ids.honours(stamped[1], "USDJPY", true, QUOTE.ask(), start.plusMillis(501))).as("expired").isFalse();
    assertThat(ids.honours("made-up", "USDJPY", true, QUOTE.ask(), start)).isFalse();
    assertThat(ids.honours(null, "USDJPY", true, QUOTE.ask(), start)).isFalse();
    ids.set(true, 0);
    assertThat(ids.honours(stamped[1], "USDJPY", true, QUOTE.ask(), start)).as("validity 0 honours none").isFalse();
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

package com.rtx.core.exposure;

import com.rtx.core.trading.Deal;
import com.rtx.core.trading.DealEntry;
import com.rtx.core.trading.DealReason;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.QuoteRef;
import com.rtx.core.trading.Side;
import com.rtx.core.pricing.QuoteStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The house's exposure is minus the clients' net positions, however it is accumulated. */
class ExposureProperties {

  private static final Instant T = Instant.parse("2025-01-15T12:00:00Z");
  private static final QuoteRef Q = new QuoteRef("X", 1, 1, 2, "a", "b", QuoteStatus.OK, 0);

  record Fill(String symbol, Side side, long volume) {
  }

  @Provide
  Arbitrary<List<Fill>> fills() {
    return Combinators.combine(Arbitraries.of("EURUSD", "XAUUSD", "USDJPY"), Arbitraries.of(Side.class),
      Arbitraries.longs().between(1, 10_000)).as(Fill::new).list().ofMaxSize(100);
  }

  @Property(tries = 300)
  void exposureFromDealsEqualsMinusTheNettedClientPositions(@ForAll("fills") List<Fill> fills) {
    Exposure fromDeals = Exposure.empty();
    Map<String, Long> clientNet = new HashMap<>();
    long id = 0;
    for (Fill f : fills) {
      fromDeals = fromDeals.plus(new Deal(++id, 1, id, 1, f.symbol(), f.side(), f.volume(), 100, DealEntry.IN,
        DealReason.CLIENT, 0, 0, T, Q));
      clientNet.merge(f.symbol(), f.side().sign() * f.volume(), Long::sum);
    }
    List<Position> positions = clientNet.entrySet().stream().filter(e -> e.getValue() != 0)
      .map(e -> new Position(1, 1, e.getKey(), e.getValue() > 0 ? Side.BUY : Side.SELL, Math.abs(e.getValue()),
        BigDecimal.ONE, T, 0, 0, 0, 0)).toList();
    assertThat(fromDeals).isEqualTo(Exposure.ofPositions(positions));
    for (Map.Entry<String, Long> e : clientNet.entrySet()) {
      assertThat(fromDeals.of(e.getKey())).isEqualTo(-e.getValue());
    }
  }

  @Test
  void houseIsShortWhatClientsAreLong() {
    Position long5 = new Position(1, 1, "EURUSD", Side.BUY, 500, BigDecimal.ONE, T, 0, 0, 0, 0);
    Position short2 = new Position(2, 2, "EURUSD", Side.SELL, 200, BigDecimal.ONE, T, 0, 0, 0, 0);
    Position gold = new Position(3, 2, "XAUUSD", Side.SELL, 100, BigDecimal.ONE, T, 0, 0, 0, 0);
    Exposure e = Exposure.ofPositions(List.of(long5, short2, gold));
    assertThat(e.of("EURUSD")).isEqualTo(-300);
    assertThat(e.of("XAUUSD")).isEqualTo(100);
    assertThat(e.of("USDJPY")).isZero();
  }
}

package com.rtx.routing;

import org.junit.jupiter.api.Test;
import quickfix.MemoryStore;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LeasedSequenceStoreTest {

  /** A durable store that counts its writes; a new LeasedSequenceStore over it is a restart after kill -9. */
  private static final class CountingStore extends MemoryStore {
    int writes;

    CountingStore() throws IOException {
    }

    @Override
    public void setNextSenderMsgSeqNum(int next) throws IOException {
      writes++;
      super.setNextSenderMsgSeqNum(next);
    }

    @Override
    public void setNextTargetMsgSeqNum(int next) throws IOException {
      writes++;
      super.setNextTargetMsgSeqNum(next);
    }
  }

  private final CountingStore durable = new CountingStore();
  private final AtomicLong now = new AtomicLong(1_000);

  LeasedSequenceStoreTest() throws IOException {
  }

  private LeasedSequenceStore open() throws IOException {
    return new LeasedSequenceStore(durable, 200, now::get);
  }

  @Test
  void sendingWritesOncePerLeaseAndARestartNeverReusesANumber() throws IOException {
    LeasedSequenceStore store = open();
    int writesAtStart = durable.writes;
    int lastUsed = 0;
    for (int i = 0; i < 2_500; i++) {
      lastUsed = store.getNextSenderMsgSeqNum();
      store.incrNextSenderMsgSeqNum();
    }
    assertThat(lastUsed).isEqualTo(2_500);
    assertThat(durable.writes - writesAtStart).as("one write per lease of " + LeasedSequenceStore.LEASE).isEqualTo(2);

    LeasedSequenceStore restarted = open();
    assertThat(restarted.getNextSenderMsgSeqNum()).as("a gap the LP asks to fill, never a number it has seen")
      .isGreaterThan(lastUsed);
  }

  @Test
  void theLeaseIsRenewedBeforeItsLastNumberIsUsed() throws IOException {
    LeasedSequenceStore store = open();
    for (int i = 0; i < LeasedSequenceStore.LEASE; i++) {
      store.incrNextSenderMsgSeqNum();
    }
    // The next number to use is the lease's end: it must already be covered by a new lease.
    assertThat(store.getNextSenderMsgSeqNum()).isEqualTo(1 + LeasedSequenceStore.LEASE);
    assertThat(durable.getNextSenderMsgSeqNum()).isGreaterThan(store.getNextSenderMsgSeqNum());
  }

  @Test
  void incomingNumbersAreWrittenBehindAndNeverAhead() throws IOException {
    LeasedSequenceStore store = open();
    int writesAtStart = durable.writes;
    for (int i = 0; i < 100; i++) {
      store.incrNextTargetMsgSeqNum();
    }
    assertThat(durable.writes).as("within the flush interval nothing is written").isEqualTo(writesAtStart);
    assertThat(durable.getNextTargetMsgSeqNum()).isEqualTo(1);

    now.addAndGet(200);
    store.incrNextTargetMsgSeqNum();
    assertThat(durable.getNextTargetMsgSeqNum()).isEqualTo(102).isEqualTo(store.getNextTargetMsgSeqNum());

    store.incrNextTargetMsgSeqNum();
    LeasedSequenceStore restarted = open();
    assertThat(restarted.getNextTargetMsgSeqNum()).as("behind: the LP resends, reports are dropped by ExecID")
      .isEqualTo(102);
  }

  @Test
  void explicitSetsAndResetsAreWrittenAtOnce() throws IOException {
    LeasedSequenceStore store = open();
    store.setNextTargetMsgSeqNum(77);
    assertThat(durable.getNextTargetMsgSeqNum()).isEqualTo(77);
    store.setNextSenderMsgSeqNum(500);
    assertThat(store.getNextSenderMsgSeqNum()).isEqualTo(500);
    assertThat(durable.getNextSenderMsgSeqNum()).isEqualTo(500 + LeasedSequenceStore.LEASE);

    store.reset();
    assertThat(store.getNextSenderMsgSeqNum()).isEqualTo(1);
    assertThat(store.getNextTargetMsgSeqNum()).isEqualTo(1);
    assertThat(durable.getNextSenderMsgSeqNum()).isEqualTo(1 + LeasedSequenceStore.LEASE);
  }
}

package com.rtx.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The order messages a trade session sent lately, by MsgSeqNum, so that a session-level Reject
 * (35=3) or a BusinessMessageReject (35=j), which name the refused message by its RefSeqNum, can
 * be tied back to the order. Bounded: a refusal comes within seconds of its message, so the last
 * {@link #CAPACITY} are plenty; older ones are forgotten.
 *
 * <p>Thread-safe: written on the thread that sends ({@code toApp}) and read on QuickFIX/J's
 * message thread ({@code fromAdmin}, {@code fromApp}).
 */
final class SentMessages {

  /** One sent order message: its MsgType (D, F, H) and ClOrdID. */
  record Sent(String msgType, String clOrdId) {
  }

  static final int CAPACITY = 16_384;

  private final Map<Integer, Sent> bySeqNum = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Sent> eldest) {
      return size() > CAPACITY;
    }
  };

  /** {@code seqNum} went out as {@code msgType} for {@code clOrdId}; a sequence reset re-uses numbers, the newest wins. */
  synchronized void sent(int seqNum, String msgType, String clOrdId) {
    bySeqNum.remove(seqNum);
    bySeqNum.put(seqNum, new Sent(msgType, clOrdId));
  }

  synchronized Optional<Sent> find(int seqNum) {
    return Optional.ofNullable(bySeqNum.get(seqNum));
  }
}

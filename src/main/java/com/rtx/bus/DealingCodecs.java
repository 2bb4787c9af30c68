package com.rtx.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

import java.util.function.Function;

/**
 * The event-bus codecs of the dealing protocol: {@link DealingRequest} (each record),
 * {@link DealingReply} and {@link DealingFailure}, registered as default codecs so that sending
 * the record is all a sender does. Within a JVM the record itself is delivered (records are
 * immutable: nothing is copied); between nodes the wire form is the JSON documented by
 * {@link DealingRequests} and the records' {@code toJson}, length-prefixed.
 */
public final class DealingCodecs {

  private DealingCodecs() {
  }

  static final MessageCodec<DealingReply, DealingReply> REPLY = new JsonCodec<>("rtx.dealing.reply",
    DealingReply::toJson, DealingReply::fromJson);
  static final MessageCodec<DealingFailure, DealingFailure> FAILURE = new JsonCodec<>("rtx.dealing.failure",
    DealingFailure::toJson, DealingFailure::fromJson);

  /** The codec of one request record class (the bus looks default codecs up by exact class). */
  static MessageCodec<DealingRequest, DealingRequest> request(Class<?> type) {
    return new JsonCodec<>("rtx.dealing.request." + type.getSimpleName(), DealingRequests::toJson,
      DealingRequests::fromJson);
  }

  /** Registers the codecs on {@code bus}; every sender and consumer calls it, the first call counts. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static synchronized void register(EventBus bus) {
    try {
      bus.registerDefaultCodec(DealingReply.class, REPLY);
    } catch (IllegalStateException alreadyRegistered) {
      return;
    }
    bus.registerDefaultCodec(DealingFailure.class, FAILURE);
    for (Class<?> type : DealingRequest.class.getPermittedSubclasses()) {
      bus.registerDefaultCodec((Class) type, request(type));
    }
  }

  /** Immutable values: the same object locally, length-prefixed JSON between nodes. */
  private static final class JsonCodec<T> implements MessageCodec<T, T> {

    private final String name;
    private final Function<T, JsonObject> encode;
    private final Function<JsonObject, T> decode;

    JsonCodec(String name, Function<T, JsonObject> encode, Function<JsonObject, T> decode) {
      this.name = name;
      this.encode = encode;
      this.decode = decode;
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
      Buffer json = encode.apply(value).toBuffer();
      buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      return decode.apply(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
    }

    @Override
    public T transform(T value) {
      return value;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}

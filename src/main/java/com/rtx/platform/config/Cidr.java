package com.rtx.platform.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address
 * is a block of one. Parsing never resolves host names (only literal addresses are accepted).
 */
public record Cidr(byte[] network, int prefix) {

  /** @throws IllegalArgumentException naming the text when it is not a literal address block */
  public static Cidr parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    byte[] bytes = literal(address);
    if (bytes == null) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address block (a.b.c.d/n or IPv6/n)");
    }
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bytes.length * 8);
      }
    }
    return new Cidr(bytes, prefix);
  }

  /** Whether {@code address} (a literal; anything else never matches) lies in this block. */
  public boolean contains(String address) {
    byte[] bytes = address == null ? null : literal(address);
    if (bytes == null || bytes.length != network.length) {
      return false;
    }
    BigInteger mask = BigInteger.ONE.shiftLeft(network.length * 8).subtract(BigInteger.ONE)
      .shiftRight(prefix).not();
    return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network).and(mask));
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bytes of a literal IPv4/IPv6 address, or null; never a DNS lookup. */
  private static byte[] literal(String address) {
    boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean ipv6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
    if (!ipv4 && !ipv6) {
      return null;
    }
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress();
      if (ipv4 && address.split("\\.").length == 4) {
        for (String part : address.split("\\.")) {
          if (Integer.parseInt(part) > 255) {
            return null;
          }
        }
      }
      return bytes;
    } catch (UnknownHostException e) {
      return null;
    }
  }
}

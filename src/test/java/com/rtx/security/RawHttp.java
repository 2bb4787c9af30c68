package com.rtx.security;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client over one keep-alive socket, for the fuzzer: unlike {@code java.net.http}
 * it sends any bytes in the request target (NUL, control characters, unencoded unicode) and any
 * header, and it binds the connection to a chosen loopback address ({@code 127.0.0.x}), so the
 * engine counts the fuzzer's failed logins against addresses other than the one its real
 * sessions log in from. Not thread-safe: one per worker.
 */
final class RawHttp implements Closeable {

  /** An answer; header names lower-cased. */
  record Response(int status, Map<String, String> headers, String body) {
  }

  private static final int MAX_BODY = 8 * 1024 * 1024;

  private final String host;
  private final int port;
  private final int timeoutMs;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private String boundTo;

  RawHttp(String host, int port, int timeoutMs) {
    this.host = host;
    this.port = port;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Sends one request from {@code localAddress} (null: any) and reads its answer. A kept-alive
   * connection that the server had closed is reopened and the request sent again once.
   *
   * @throws IOException when no answer arrives (connection refused, closed or read timeout)
   */
  Response send(String localAddress, String method, String target, Map<String, String> headers, byte[] body)
    throws IOException {
    boolean reused = socket != null && java.util.Objects.equals(boundTo, localAddress);
    if (!reused) {
      open(localAddress);
    }
    try {
      return exchange(method, target, headers, body);
    } catch (EOFException | java.net.SocketException e) {
      if (!reused) {
        throw e;
      }
      open(localAddress);
      return exchange(method, target, headers, body);
    }
  }

  private void open(String localAddress) throws IOException {
    close();
    Socket s = new Socket();
    if (localAddress != null) {
      s.bind(new InetSocketAddress(localAddress, 0));
    }
    s.connect(new InetSocketAddress(host, port), timeoutMs);
    s.setSoTimeout(timeoutMs);
    s.setTcpNoDelay(true);
    socket = s;
    in = new java.io.BufferedInputStream(s.getInputStream(), 16 * 1024);
    out = new java.io.BufferedOutputStream(s.getOutputStream(), 16 * 1024);
    boundTo = localAddress;
  }

  private Response exchange(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append(':').append(port).append("\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    Response response = read(method.equals("HEAD"));
    if ("close".equalsIgnoreCase(response.headers().get("connection"))) {
      close();
    }
    return response;
  }

  private Response read(boolean head) throws IOException {
    String statusLine = line();
    while (statusLine.isEmpty()) {
      statusLine = line();
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(); !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      if (colon > 0) {
        headers.merge(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
      }
    }
    if (status / 100 == 1) {
      return read(head);
    }
    byte[] body;
    if (head || status == 204 || status == 304) {
      body = new byte[0];
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked();
    } else if (headers.containsKey("content-length")) {
      body = exactly(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readNBytes(MAX_BODY);
      headers.put("connection", "close");
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int semi = size.indexOf(';');
      int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return all.toByteArray();
      }
      all.write(exactly(n));
      line();
      if (all.size() > MAX_BODY) {
        throw new IOException("answer larger than " + MAX_BODY + " bytes");
      }
    }
  }

  private byte[] exactly(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException("answer cut after " + b.length + " of " + n + " bytes");
    }
    return b;
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("connection closed");
      }
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
      if (b.size() > 64 * 1024) {
        throw new IOException("header line too long");
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing to do: the connection is gone either way
      }
    }
    socket = null;
    in = null;
    out = null;
    boundTo = null;
  }
}

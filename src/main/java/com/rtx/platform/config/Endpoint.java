package com.rtx.platform.config;


/** A listening address. */
public record Endpoint(String host, int port) {
}

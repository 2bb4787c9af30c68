package com.rtx.platform.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads JSON configuration files. Parsing goes through Jackson directly so that a malformed file
 * is reported with its name, line and column rather than a bare decode error.
 */
public final class ConfigFiles {

  private static final JsonFactory JSON = new JsonFactory();

  private ConfigFiles() {
  }

  public static JsonObject readFile(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
  }

  public static JsonObject readClasspath(String resource) {
    try (InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ConfigException("configuration resource missing from the jar: " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
    } catch (IOException e) {
      throw new ConfigException("cannot read classpath:" + resource + ": " + e.getMessage());
    }
  }

  static JsonObject parse(String text, String origin) {
    try (JsonParser parser = JSON.createParser(text)) {
      // A full token pass first: Jackson's location is what names the bad line.
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new ConfigException("configuration file " + origin + " must hold a JSON object");
      }
      while (parser.nextToken() != null) {
        // only syntax is checked here
      }
      return new JsonObject(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(
        "malformed JSON in configuration file " + origin + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + origin + ": " + e.getMessage());
    }
  }
}

package com.rtx.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version and commit of this build, filtered into {@code rtx-build.properties} by Maven. */
public record BuildInfo(String version, String commit) {

  private static final BuildInfo CURRENT = load();

  public static BuildInfo current() {
    return CURRENT;
  }

  private static BuildInfo load() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream("rtx-build.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown": build info is descriptive, never a reason not to start
    }
    return new BuildInfo(clean(props.getProperty("version")), clean(props.getProperty("commit")));
  }

  private static String clean(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }
}

package com.rtx.platform.fix;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the credential fields of FIX message text before it reaches any log: Username (553),
 * Password (554), NewPassword (925), RawData (96, which some venues use for logon secrets),
 * EncryptedPassword (1402) and EncryptedNewPassword (1404). Works on raw messages (SOH
 * separated), on the {@code |}-separated form and on text that embeds a message (QuickFIX/J
 * error events quote the offending message).
 */
public final class FixSecrets {

  /** What a masked value reads as. */
  public static final String MASK = "***";

  // A tag starts the text or follows a field separator; its value runs to the next separator. In
  // raw text only SOH separates (a password may contain '|'); in display text '|' does.
  private static final Pattern SECRET_RAW = Pattern.compile("(^|[\\u0001| ])(553|554|925|96|1402|1404)=[^\\u0001]*");
  private static final Pattern SECRET_PIPED = Pattern.compile("(^|[| ])(553|554|925|96|1402|1404)=[^|]*");

  private FixSecrets() {
  }

  public static String mask(String text) {
    if (text == null || text.indexOf('=') < 0) {
      return text;
    }
    Matcher m = (text.indexOf('\u0001') >= 0 ? SECRET_RAW : SECRET_PIPED).matcher(text);
    return m.find() ? m.replaceAll("$1$2=" + MASK) : text;
  }
}

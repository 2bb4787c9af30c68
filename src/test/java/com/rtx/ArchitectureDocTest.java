package com.rtx;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the bus protocol table of {@code src/docs/architecture.md} and the contract package
 * {@code com.rtx.bus} in step, both ways: every address constant (a public static final String of
 * an {@code *Addresses} class, or any {@code rtx.*} one of the package; a prefix such as
 * {@code rtx.account.} as {@code rtx.account.<…>}) and every address an address-building method
 * returns has a row, and every row names an address some constant defines.
 */
class ArchitectureDocTest {

  static final Path DOC = Path.of("src", "docs", "architecture.md");
  /** A row of the protocol table: its first cell is the address, a prefix followed by {@code <...>}. */
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `(rtx\\.[^`<]*)(<[^`]*>)?`");
  private static final long SAMPLE_LONG = 7;
  private static final int SAMPLE_INT = 16;
  private static final String SAMPLE_TEXT = "EURUSD";

  private static final TreeSet<String> documented = new TreeSet<>();
  private static final Map<String, String> constants = new TreeMap<>();
  private static final List<Class<?>> contract = new ArrayList<>();

  @BeforeAll
  static void read() throws IOException, ReflectiveOperationException {
    Matcher row = ROW.matcher(Files.readString(DOC));
    while (row.find()) {
      // A prefix row is recorded as the prefix itself ("rtx.account."), as its constant holds it.
      documented.add(row.group(1));
    }
    for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("com.rtx.bus")) {
      if (c.getPackageName().startsWith("com.rtx.bus") && !c.getSimpleName().equals("package-info")) {
        contract.add(Class.forName(c.getName()));
      }
    }
    for (Class<?> c : contract) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
          String value = (String) f.get(null);
          // Addresses are rtx.*; other constants of the contract are values inside messages (LpStatus.LOGGED_ON).
          if (value.startsWith("rtx.") || c.getSimpleName().endsWith("Addresses")) {
            constants.put(c.getSimpleName() + "." + f.getName(), value);
          }
        }
      }
    }
  }

  @Test
  void theTableAndTheContractAreFound() {
    assertThat(documented).as("addresses in the protocol table of " + DOC).hasSizeGreaterThan(5);
    assertThat(constants).as("address constants in com.rtx.bus").containsKey("DealingAddresses.SHARD_PREFIX");
  }

  /** An address outside the rtx.* namespace would escape the builders' check and the table's format. */
  @Test
  void everyAddressIsInTheRtxNamespace() {
    assertThat(constants.values()).allSatisfy(address -> assertThat(address).startsWith("rtx."));
  }

  @Test
  void everyAddressConstantHasARow() {
    List<String> missing = new ArrayList<>();
    constants.forEach((name, address) -> {
      if (!documented.contains(address)) {
        missing.add(name + " = \"" + address + "\"" + (address.endsWith(".") ? " (as `" + address + "<...>`)" : ""));
      }
    });
    assertThat(missing).as("address constants missing from the bus protocol table of " + DOC).isEmpty();
  }

  /** {@code DealingAddresses.shard(7, 16)} is {@code rtx.dealing.shard.7}: its row is {@code rtx.dealing.shard.<n>}. */
  @Test
  void everyAddressBuilderHasAPrefixRow() throws ReflectiveOperationException {
    List<String> missing = new ArrayList<>();
    int builders = 0;
    for (Class<?> c : contract) {
      for (Method method : c.getDeclaredMethods()) {
        Object[] args = sampleArguments(method);
        if (args == null) {
          continue;
        }
        String result = (String) method.invoke(null, args);
        if (!result.startsWith("rtx.")) {
          continue; // not an address (a ClOrdID)
        }
        builders++;
        boolean rowed = documented.stream().anyMatch(prefix -> prefix.endsWith(".") && result.startsWith(prefix)
          && isSample(result.substring(prefix.length())));
        if (!rowed) {
          missing.add(c.getSimpleName() + "." + method.getName() + " -> " + result);
        }
      }
    }
    assertThat(builders).as("address builders found").isGreaterThanOrEqualTo(3);
    assertThat(missing).as("address builders whose prefix has no row in " + DOC).isEmpty();
  }

  @Test
  void everyRowNamesAnAddressConstant() {
    TreeSet<String> unknown = new TreeSet<>(documented);
    unknown.removeAll(constants.values());
    assertThat(unknown).as("rows of " + DOC + " whose address no com.rtx.bus constant defines").isEmpty();
  }

  /** Arguments for a public static String method of sample-able parameters; null for any other method. */
  private static Object[] sampleArguments(Method method) {
    int m = method.getModifiers();
    if (!Modifier.isPublic(m) || !Modifier.isStatic(m) || method.getReturnType() != String.class) {
      return null;
    }
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      if (types[i] == long.class) {
        args[i] = SAMPLE_LONG;
      } else if (types[i] == int.class) {
        args[i] = SAMPLE_INT;
      } else if (types[i] == String.class) {
        args[i] = SAMPLE_TEXT;
      } else {
        return null;
      }
    }
    return args;
  }

  /** What a builder appends to its prefix for the sample arguments (a shard number is 7 mod 16). */
  private static boolean isSample(String tail) {
    return tail.equals(Long.toString(SAMPLE_LONG % SAMPLE_INT)) || tail.equals(Long.toString(SAMPLE_LONG))
      || tail.equals(SAMPLE_TEXT);
  }
}

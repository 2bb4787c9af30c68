package com.rtx;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The top of the house, as {@code src/docs/architecture.md} draws it:
 * <ul>
 *   <li>roles — one package per verticle: {@link #ROLES};</li>
 *   <li>libraries the roles share — {@code core} (pure domain), {@code bus} (the event-bus
 *       contract), {@code platform} (plumbing), {@code auth}, {@code marketdata}, {@code refdata},
 *       {@code execution} (the execution records both APIs serve);</li>
 *   <li>the composition root {@code app}, which alone names every role, and the command line
 *       {@code cli} that starts it.</li>
 * </ul>
 * Roles talk over the bus, never through each other's classes; libraries never reach up into a
 * role or the composition root; no two top-level packages depend on each other in a cycle.
 */
class ArchitectureTest {

  /** The packages holding a role's verticles (the hedger runs inside the dealing role). */
  static final List<String> ROLES = List.of("admin", "dealing", "gateway", "hedging", "lpsim", "pricing", "routing");
  private static final List<String> LIBRARIES = List.of("core", "bus", "platform", "auth", "marketdata", "refdata",
    "execution");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("com.rtx");
  }

  /** The core is plain Java: no Vert.x, SQL, FIX, JSON, network or platform code. */
  @Test
  void coreHasNoIo() {
    noClasses().that().resideInAPackage("com.rtx.core..")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "javax.sql..", "quickfix..",
        "com.fasterxml..", "io.netty..", "org.postgresql..", "liquibase..", "java.net..", "java.nio.channels..",
        "com.rtx.platform..", "com.rtx.bus..", "com.rtx.gateway..")
      .allowEmptyShould(true)
      .check(classes);
  }

  /** Verticles talk over the event bus ({@code com.rtx.bus}), never through each other's classes. */
  @ParameterizedTest
  @MethodSource("roles")
  void rolesDoNotImportEachOther(String role) {
    String[] others = ROLES.stream().filter(r -> !r.equals(role)).map(r -> "com.rtx." + r + "..").toArray(String[]::new);
    noClasses().that().resideInAPackage("com.rtx." + role + "..")
      .should().dependOnClassesThat().resideInAnyPackage(others)
      .because("roles talk over the event bus, whose contract is com.rtx.bus")
      .check(classes);
  }

  /** Nor does a role start the engine or read the command line. */
  @ParameterizedTest
  @MethodSource("roles")
  void rolesDoNotUseTheCompositionRoot(String role) {
    noClasses().that().resideInAPackage("com.rtx." + role + "..")
      .should().dependOnClassesThat().resideInAnyPackage("com.rtx.app..", "com.rtx.cli..")
      .check(classes);
  }

  /**
   * The shared libraries — platform plumbing above all — know no role: the composition root
   * ({@code com.rtx.app}) names the verticles and hands them to the platform's engine.
   */
  @ParameterizedTest
  @MethodSource("libraries")
  void librariesImportNoRole(String library) {
    Stream<String> upper = Stream.concat(ROLES.stream(), Stream.of("app", "cli"));
    noClasses().that().resideInAPackage("com.rtx." + library + "..")
      .should().dependOnClassesThat().resideInAnyPackage(upper.map(p -> "com.rtx." + p + "..").toArray(String[]::new))
      .check(classes);
  }

  /** Platform plumbing is below the libraries with a business meaning (auth's passwords and tokens). */
  @Test
  void platformImportsNoBusinessLibrary() {
    noClasses().that().resideInAPackage("com.rtx.platform..")
      .should().dependOnClassesThat().resideInAnyPackage("com.rtx.auth..", "com.rtx.marketdata..", "com.rtx.refdata..")
      .check(classes);
  }

  /** No two top-level packages depend on each other, directly or round a longer loop (platform and auth were one). */
  @Test
  void topLevelPackagesAreFreeOfCycles() {
    slices().matching("com.rtx.(*)..").should().beFreeOfCycles().check(classes);
  }

  static Stream<String> roles() {
    return ROLES.stream();
  }

  static Stream<String> libraries() {
    return LIBRARIES.stream();
  }
}

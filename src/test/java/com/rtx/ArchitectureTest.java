package com.rtx;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the domain core pure and the capability packages apart. */
class ArchitectureTest {

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
        "com.rtx.platform..", "com.rtx.gateway..")
      .allowEmptyShould(true)
      .check(classes);
  }

  /** Verticles talk over the event bus, never through each other's classes. */
  @Test
  void gatewayStaysOutOfOtherCapabilities() {
    noClasses().that().resideInAPackage("com.rtx.gateway..")
      .should().dependOnClassesThat().resideInAnyPackage("com.rtx.pricing..", "com.rtx.dealing..",
        "com.rtx.routing..", "com.rtx.fixapi..", "com.rtx.admin..", "com.rtx.backup..", "com.rtx.lpsim..")
      .check(classes);
  }

  /** Platform plumbing never reaches into the command line. */
  @Test
  void platformDoesNotUseTheCli() {
    noClasses().that().resideInAPackage("com.rtx.platform..")
      .should().dependOnClassesThat().resideInAPackage("com.rtx.cli..")
      .check(classes);
  }
}

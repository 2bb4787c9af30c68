package com.rtx;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the domain core pure and the capability packages apart. */
@AnalyzeClasses(packages = "com.rtx", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The core is plain Java: no Vert.x, SQL, FIX, JSON, Redis or logging frameworks. */
  @ArchTest
  static final ArchRule coreHasNoIo = noClasses().that().resideInAPackage("com.rtx.core..")
    .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "javax.sql..", "quickfix..",
      "com.fasterxml..", "io.netty..", "org.postgresql..", "liquibase..", "java.net..", "java.nio.channels..",
      "com.rtx.platform..", "com.rtx.gateway..")
    .allowEmptyShould(true);

  /** Verticles talk over the event bus, never through each other's classes. */
  @ArchTest
  static final ArchRule gatewayStaysOutOfOtherCapabilities = noClasses().that().resideInAPackage("com.rtx.gateway..")
    .should().dependOnClassesThat().resideInAnyPackage("com.rtx.pricing..", "com.rtx.dealing..",
      "com.rtx.routing..", "com.rtx.fixapi..", "com.rtx.admin..", "com.rtx.backup..", "com.rtx.lpsim..")
    .allowEmptyShould(true);

  /** Platform plumbing never reaches into the command line. */
  @ArchTest
  static final ArchRule platformDoesNotUseTheCli = noClasses().that().resideInAPackage("com.rtx.platform..")
    .should().dependOnClassesThat().resideInAPackage("com.rtx.cli..");
}

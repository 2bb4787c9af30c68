package com.rtx.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Small secrets the engine creates once and keeps under {@code data-dir} (development key, demo
 * password): written owner-only (0600) to a temporary file and linked into place, so two
 * processes or verticle instances starting together end up with the same one. Blocking: call
 * from a worker thread.
 */
public final class SecretFiles {

  private SecretFiles() {
  }

  /** The file's content, creating it from {@code create} when absent; {@code created} tells which. */
  public static Result readOrCreate(Path file, Supplier<String> create) {
    try {
      Optional<String> existing = read(file);
      if (existing.isPresent()) {
        return new Result(existing.get(), false);
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".secret",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(temp, create.get(), StandardCharsets.UTF_8);
        try {
          // A link never replaces an existing file: whoever came first wins, the others read theirs.
          Files.createLink(file, temp);
          return new Result(Files.readString(file, StandardCharsets.UTF_8), true);
        } catch (FileAlreadyExistsException raced) {
          return new Result(Files.readString(file, StandardCharsets.UTF_8), false);
        } catch (UnsupportedOperationException | IOException noLinks) {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
          return new Result(Files.readString(file, StandardCharsets.UTF_8), true);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  static Optional<String> read(Path file) throws IOException {
    return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
  }

  public record Result(String content, boolean created) {
  }
}

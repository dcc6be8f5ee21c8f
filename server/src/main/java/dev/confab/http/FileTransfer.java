package dev.confab.http;

import dev.confab.action.Actor;
import dev.confab.files.FileService;
import java.util.function.Function;

/**
 * What the HTTP layer needs for file bytes: the file rules, and how to turn a bearer token into
 * the caller (null when the token is not good).
 *
 * @param legacyUpload the Web API method that takes a multipart {@code files.upload} once its
 *                     file part is spooled (see {@code FilesApi#SPOOLED})
 */
public record FileTransfer(FileService files, Function<String, Actor> authenticate, String legacyUpload) {}

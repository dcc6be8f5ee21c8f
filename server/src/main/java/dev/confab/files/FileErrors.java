package dev.confab.files;

/** Slack's error codes for file methods. */
public final class FileErrors {
    public static final String FILE_NOT_FOUND = "file_not_found";
    public static final String FILE_TOO_LARGE = "file_too_large";
    public static final String INVALID_LENGTH = "invalid_length";
    public static final String FILE_NOT_UPLOADED = "file_not_uploaded";
    public static final String ALREADY_COMPLETED = "file_already_completed";
    public static final String CANT_DELETE_FILE = "cant_delete_file";
    public static final String NO_FILE_DATA = "no_file_data";
    public static final String INVALID_FILES = "invalid_files";

    private FileErrors() {}
}

package dev.confab.error;

/** The Slack error codes Confab answers with, in one list so a typo cannot invent a new one. */
public final class Errors {
    private Errors() {}

    public static final String NOT_AUTHED = "not_authed";
    public static final String INVALID_AUTH = "invalid_auth";
    public static final String TOKEN_REVOKED = "token_revoked";
    public static final String ACCOUNT_INACTIVE = "account_inactive";
    public static final String UNKNOWN_METHOD = "unknown_method";
    public static final String RATELIMITED = "ratelimited";
    public static final String INVALID_ARGUMENTS = "invalid_arguments";
    public static final String INVALID_JSON = "invalid_json";
    public static final String JSON_NOT_OBJECT = "json_not_object";
    public static final String INVALID_FORM_DATA = "invalid_form_data";
    public static final String INVALID_CHARSET = "invalid_charset";
    public static final String INVALID_CURSOR = "invalid_cursor";
    public static final String NO_QUERY = "no_query";
    public static final String INVALID_TS_LATEST = "invalid_ts_latest";
    public static final String INVALID_TS_OLDEST = "invalid_ts_oldest";
    public static final String REQUEST_TOO_LARGE = "request_too_large";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String FATAL_ERROR = "fatal_error";
    public static final String RESTRICTED_ACTION = "restricted_action";
    public static final String NOT_ALLOWED_TOKEN_TYPE = "not_allowed_token_type";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    /** Confab's: a browser call authenticated by the session cookie without the matching CSRF header or from another origin. */
    public static final String CSRF_CHECK_FAILED = "csrf_check_failed";

    public static final String CHANNEL_NOT_FOUND = "channel_not_found";
    public static final String NOT_IN_CHANNEL = "not_in_channel";
    public static final String IS_ARCHIVED = "is_archived";
    public static final String NOT_ARCHIVED = "not_archived";
    public static final String ALREADY_ARCHIVED = "already_archived";
    public static final String CANT_ARCHIVE_GENERAL = "cant_archive_general";
    public static final String CANT_LEAVE_GENERAL = "cant_leave_general";
    public static final String CANT_KICK_SELF = "cant_kick_self";
    public static final String CANT_KICK_FROM_GENERAL = "cant_kick_from_general";
    public static final String CANT_INVITE_SELF = "cant_invite_self";
    public static final String ALREADY_IN_CHANNEL = "already_in_channel";
    public static final String NAME_TAKEN = "name_taken";
    public static final String INVALID_NAME = "invalid_name";
    public static final String INVALID_NAME_SPECIALS = "invalid_name_specials";
    public static final String INVALID_NAME_REQUIRED = "invalid_name_required";
    public static final String INVALID_NAME_MAXLENGTH = "invalid_name_maxlength";
    public static final String METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE = "method_not_supported_for_channel_type";
    public static final String TOO_LONG = "too_long";
    public static final String NOT_AUTHORIZED = "not_authorized";
    public static final String CANT_INVITE = "cant_invite";
    public static final String NO_USER = "no_user";
    public static final String USER_NOT_FOUND = "user_not_found";
    public static final String USERS_NOT_FOUND = "users_not_found";
    public static final String USER_NOT_IN_CHANNEL = "user_not_in_channel";
    public static final String USERS_LIST_NOT_SUPPLIED = "users_list_not_supplied";
    public static final String TOO_MANY_USERS = "too_many_users";

    public static final String NO_TEXT = "no_text";
    public static final String MSG_TOO_LONG = "msg_too_long";
    public static final String INVALID_BLOCKS = "invalid_blocks";
    public static final String INVALID_ATTACHMENTS = "invalid_attachments";
    public static final String MESSAGE_NOT_FOUND = "message_not_found";
    public static final String THREAD_NOT_FOUND = "thread_not_found";
    public static final String CANT_UPDATE_MESSAGE = "cant_update_message";
    public static final String CANT_DELETE_MESSAGE = "cant_delete_message";
    public static final String EDIT_WINDOW_CLOSED = "edit_window_closed";
    public static final String ALREADY_REACTED = "already_reacted";
    public static final String NO_REACTION = "no_reaction";
    public static final String INVALID_NAME_REACTION = "invalid_name";
    public static final String TOO_MANY_REACTIONS = "too_many_reactions";
    public static final String ALREADY_PINNED = "already_pinned";
    public static final String NOT_PINNED = "not_pinned";
    public static final String NO_ITEM_SPECIFIED = "no_item_specified";
    public static final String BAD_TIMESTAMP = "bad_timestamp";
    public static final String INVALID_TIMESTAMP = "invalid_timestamp";

    public static final String EMAIL_TAKEN = "email_taken";
    public static final String INVALID_EMAIL = "invalid_email";
    public static final String USERNAME_TAKEN = "username_taken";
    public static final String INVALID_PASSWORD = "invalid_password";
    public static final String PASSWORD_TOO_SHORT = "password_too_short";
    public static final String INVALID_CREDENTIALS = "invalid_credentials";
    public static final String DOMAIN_TAKEN = "domain_taken";
    public static final String INVALID_DOMAIN = "invalid_domain";
    public static final String INVITE_NOT_FOUND = "invite_not_found";
    public static final String INVITE_EXPIRED = "invite_expired";
    public static final String TEAM_NOT_FOUND = "team_not_found";
}

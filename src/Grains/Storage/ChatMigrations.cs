using OrleansChat.Runtime.Storage;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The chat tables. Growing sets are stored one row per element (a member, a message, a reaction,
/// a relationship), so a change writes one row and never rewrites a list; symmetric facts (a
/// friendship is two rows) are written in one transaction instead of two grain writes.
/// </summary>
internal sealed class ChatMigrations : IMigrationSource
{
    public IEnumerable<Migration> GetMigrations() =>
    [
        new("chat/0001-users", """
            CREATE TABLE chat_users (
                user_id       text PRIMARY KEY,
                username      text NOT NULL,
                username_key  text NOT NULL CONSTRAINT chat_users_username_key UNIQUE,
                display_name  text NOT NULL,
                avatar_url    text,
                bio           text,
                custom_status text,
                is_guest      boolean NOT NULL DEFAULT false,
                created_at    timestamptz NOT NULL,
                updated_at    timestamptz NOT NULL
            );
            -- kind: 1 friends, 2 outgoing request, 3 incoming request; one row per direction.
            CREATE TABLE chat_relationships (
                user_id  text NOT NULL REFERENCES chat_users (user_id),
                other_id text NOT NULL REFERENCES chat_users (user_id),
                kind     smallint NOT NULL CHECK (kind IN (1, 2, 3)),
                since    timestamptz NOT NULL,
                PRIMARY KEY (user_id, other_id),
                CHECK (user_id <> other_id)
            );
            CREATE TABLE chat_user_blocks (
                blocker_id text NOT NULL REFERENCES chat_users (user_id),
                blocked_id text NOT NULL REFERENCES chat_users (user_id),
                created_at timestamptz NOT NULL,
                PRIMARY KEY (blocker_id, blocked_id),
                CHECK (blocker_id <> blocked_id)
            );
            CREATE INDEX chat_user_blocks_blocked ON chat_user_blocks (blocked_id);
            -- status: 0 pending, 1 accepted, 2 declined, 3 cancelled; expiry is computed from expires_at.
            CREATE TABLE chat_game_invites (
                invite_id    uuid PRIMARY KEY,
                from_user_id text NOT NULL REFERENCES chat_users (user_id),
                to_user_id   text NOT NULL REFERENCES chat_users (user_id),
                game         text NOT NULL,
                created_at   timestamptz NOT NULL,
                expires_at   timestamptz NOT NULL,
                status       smallint NOT NULL,
                responded_at timestamptz
            );
            CREATE INDEX chat_game_invites_to ON chat_game_invites (to_user_id, created_at);
            CREATE INDEX chat_game_invites_from ON chat_game_invites (from_user_id, created_at);
            CREATE TABLE chat_notifications (
                notification_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id         text NOT NULL,
                kind            smallint NOT NULL,
                actor_id        text,
                conversation_id text,
                seq             bigint,
                text            text,
                created_at      timestamptz NOT NULL,
                read_at         timestamptz
            );
            CREATE INDEX chat_notifications_user ON chat_notifications (user_id, notification_id);
            CREATE INDEX chat_notifications_unread ON chat_notifications (user_id) WHERE read_at IS NULL;
            """),
        new("chat/0002-rooms", """
            -- visibility: 0 public, 1 private (invite-only), 2 password-protected.
            CREATE TABLE chat_rooms (
                room_id       text PRIMARY KEY,
                name          text NOT NULL,
                name_key      text NOT NULL,
                topic         text NOT NULL DEFAULT '',
                visibility    smallint NOT NULL CHECK (visibility IN (0, 1, 2)),
                password_hash text,
                owner_id      text NOT NULL,
                member_count  integer NOT NULL DEFAULT 0,
                created_at    timestamptz NOT NULL,
                updated_at    timestamptz NOT NULL,
                deleted_at    timestamptz,
                version       integer NOT NULL DEFAULT 1
            );
            CREATE UNIQUE INDEX chat_rooms_live_name ON chat_rooms (name_key) WHERE deleted_at IS NULL;
            -- role: 1 member, 2 admin, 3 owner. One row per member: a join inserts one row.
            CREATE TABLE chat_room_members (
                room_id     text NOT NULL REFERENCES chat_rooms (room_id),
                user_id     text NOT NULL REFERENCES chat_users (user_id),
                role        smallint NOT NULL CHECK (role IN (1, 2, 3)),
                joined_at   timestamptz NOT NULL,
                muted_until timestamptz,
                PRIMARY KEY (room_id, user_id)
            );
            CREATE INDEX chat_room_members_user ON chat_room_members (user_id);
            CREATE TABLE chat_room_bans (
                room_id    text NOT NULL REFERENCES chat_rooms (room_id),
                user_id    text NOT NULL,
                banned_by  text NOT NULL,
                reason     text,
                created_at timestamptz NOT NULL,
                expires_at timestamptz,
                PRIMARY KEY (room_id, user_id)
            );
            CREATE TABLE chat_room_invites (
                room_id    text NOT NULL REFERENCES chat_rooms (room_id),
                user_id    text NOT NULL REFERENCES chat_users (user_id),
                invited_by text NOT NULL,
                created_at timestamptz NOT NULL,
                PRIMARY KEY (room_id, user_id)
            );
            CREATE TABLE chat_direct_threads (
                conversation_id text PRIMARY KEY,
                user_a          text NOT NULL REFERENCES chat_users (user_id),
                user_b          text NOT NULL REFERENCES chat_users (user_id),
                created_at      timestamptz NOT NULL,
                CHECK (user_a < user_b),
                UNIQUE (user_a, user_b)
            );
            CREATE INDEX chat_direct_threads_b ON chat_direct_threads (user_b);
            """),
        new("chat/0003-messages", """
            -- The message log. The primary key makes a sequence number impossible to write twice (a
            -- stale activation's append fails), the unique key makes a client retry store once.
            CREATE TABLE chat_messages (
                conversation_id   text NOT NULL,
                seq               bigint NOT NULL CHECK (seq > 0),
                sender_id         text NOT NULL,
                client_message_id text NOT NULL,
                body              text NOT NULL,
                created_at        timestamptz NOT NULL,
                edited_at         timestamptz,
                deleted_at        timestamptz,
                deleted_by        text,
                reply_to_seq      bigint,
                mentions          text[] NOT NULL DEFAULT '{}',
                CONSTRAINT chat_messages_pkey PRIMARY KEY (conversation_id, seq),
                CONSTRAINT chat_messages_client_id UNIQUE (conversation_id, sender_id, client_message_id)
            );
            -- kind: 1 edit, 2 delete; previous_body is what the message said before.
            CREATE TABLE chat_message_revisions (
                revision_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                conversation_id text NOT NULL,
                seq             bigint NOT NULL,
                kind            smallint NOT NULL,
                previous_body   text NOT NULL,
                revised_by      text NOT NULL,
                revised_at      timestamptz NOT NULL,
                FOREIGN KEY (conversation_id, seq) REFERENCES chat_messages (conversation_id, seq)
            );
            CREATE INDEX chat_message_revisions_message ON chat_message_revisions (conversation_id, seq);
            CREATE TABLE chat_message_reactions (
                conversation_id text NOT NULL,
                seq             bigint NOT NULL,
                emoji           text NOT NULL,
                user_id         text NOT NULL,
                created_at      timestamptz NOT NULL,
                PRIMARY KEY (conversation_id, seq, emoji, user_id),
                FOREIGN KEY (conversation_id, seq) REFERENCES chat_messages (conversation_id, seq)
            );
            CREATE TABLE chat_read_positions (
                user_id         text NOT NULL,
                conversation_id text NOT NULL,
                last_read_seq   bigint NOT NULL,
                updated_at      timestamptz NOT NULL,
                PRIMARY KEY (user_id, conversation_id)
            );
            """),
        new("chat/0004-audit", """
            CREATE TABLE chat_audit_log (
                audit_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                occurred_at     timestamptz NOT NULL,
                actor_id        text NOT NULL,
                action          text NOT NULL,
                target_kind     text NOT NULL,
                target_id       text NOT NULL,
                conversation_id text,
                reason          text,
                details         text
            );
            CREATE INDEX chat_audit_log_conversation ON chat_audit_log (conversation_id, audit_id);
            CREATE INDEX chat_audit_log_target ON chat_audit_log (target_kind, target_id, audit_id);
            """),
        new("chat/0005-read-positions-by-conversation", """
            CREATE INDEX chat_read_positions_conversation ON chat_read_positions (conversation_id, updated_at DESC);
            """),
    ];
}

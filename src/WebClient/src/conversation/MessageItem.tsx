import { useState } from "react";
import type { MessageView } from "../hub/protocol";
import { Link } from "../shell/Link";
import { routes } from "../shell/router";
import { EmojiPicker } from "./EmojiPicker";
import { quickReactions } from "./emoji";
import type { PendingMessage } from "./messageState";
import { RichText } from "./RichText";
import { uploadedFileUrls } from "./richText";
import { fullDateTime, shortTime } from "./time";
import { UploadedImage } from "./UploadedImage";

function excerpt(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function ReplyQuote({ replyTo, seq }: { replyTo: MessageView | undefined; seq: number }) {
  return (
    <p className="reply-quote">
      <span aria-hidden="true">↪ </span>
      {replyTo ? (
        <>
          Reply to <strong>{replyTo.senderName}</strong>: {replyTo.deleted ? "(deleted message)" : excerpt(replyTo.text)}
        </>
      ) : (
        <>Reply to message #{seq}</>
      )}
    </p>
  );
}

interface MessageProps {
  message: MessageView;
  replyTo: MessageView | undefined;
  myUserId: string;
  myUsername: string;
  canModerate: boolean;
  onReply: (message: MessageView) => void;
  onEdit: (seq: number, text: string) => Promise<boolean>;
  onDelete: (seq: number) => Promise<boolean>;
  onReact: (seq: number, emoji: string) => void;
}

export function MessageItem({ message, replyTo, myUserId, myUsername, canModerate, onReply, onEdit, onDelete, onReact }: MessageProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.text);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [picking, setPicking] = useState(false);
  const mine = message.senderId === myUserId;
  const files = message.deleted ? [] : uploadedFileUrls(message.text, window.location.origin);

  const save = async () => {
    const text = draft.trim();
    if (text.length === 0 || text === message.text) {
      setEditing(false);
      return;
    }
    if (await onEdit(message.seq, text)) setEditing(false);
  };

  return (
    <article className={`message${mine ? " message-mine" : ""}`} aria-label={`${message.senderName}, ${shortTime(message.sentAt)}`} data-seq={message.seq}>
      <header className="message-meta">
        <Link className="message-sender" to={routes.profile(message.senderId)}>
          {message.senderName}
        </Link>
        <time dateTime={message.sentAt} title={fullDateTime(message.sentAt)}>
          {shortTime(message.sentAt)}
        </time>
        {message.editedAt && !message.deleted && <span className="message-edited">(edited)</span>}
      </header>
      {message.replyToSeq !== null && <ReplyQuote replyTo={replyTo} seq={message.replyToSeq} />}
      {message.deleted ? (
        <p className="message-text message-deleted">This message was deleted.</p>
      ) : editing ? (
        <div className="message-edit">
          <label className="visually-hidden" htmlFor={`edit-${message.seq}`}>
            Edit message
          </label>
          <textarea
            id={`edit-${message.seq}`}
            value={draft}
            autoFocus
            rows={Math.min(6, draft.split("\n").length + 1)}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                void save();
              } else if (e.key === "Escape") {
                setEditing(false);
                setDraft(message.text);
              }
            }}
          />
          <div className="row">
            <button type="button" className="button-small" onClick={() => void save()}>
              Save
            </button>
            <button type="button" className="button-small button-secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <p className="message-text">
          <RichText text={message.text} myUsername={myUsername} />
        </p>
      )}
      {files.length > 0 && (
        <div className="message-images">
          {files.map((url) => (
            <UploadedImage key={url} url={url} />
          ))}
        </div>
      )}
      {message.reactions.length > 0 && (
        <ul className="reactions" aria-label="Reactions">
          {message.reactions.map((reaction) => {
            const reacted = reaction.userIds.includes(myUserId);
            return (
              <li key={reaction.emoji}>
                <button
                  type="button"
                  className={`reaction${reacted ? " reaction-mine" : ""}`}
                  aria-pressed={reacted}
                  aria-label={`${reaction.emoji} ${reaction.userIds.length}${reacted ? ", including you" : ""}`}
                  onClick={() => onReact(message.seq, reaction.emoji)}
                >
                  {reaction.emoji} {reaction.userIds.length}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {!message.deleted && !editing && (
        <div className="message-actions">
          {confirmDelete ? (
            <span className="row" role="group" aria-label="Confirm delete">
              <span>Delete this message?</span>
              <button type="button" className="button-small button-danger" onClick={() => void onDelete(message.seq).then(() => setConfirmDelete(false))}>
                Delete
              </button>
              <button type="button" className="button-small button-secondary" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </span>
          ) : (
            <>
              <button type="button" className="link-button" onClick={() => onReply(message)}>
                Reply
              </button>
              {quickReactions.slice(0, 3).map((emoji) => (
                <button key={emoji} type="button" className="link-button" aria-label={`React with ${emoji}`} onClick={() => onReact(message.seq, emoji)}>
                  {emoji}
                </button>
              ))}
              <span className="popover-anchor">
                <button type="button" className="link-button" aria-expanded={picking} aria-haspopup="dialog" onClick={() => setPicking((p) => !p)}>
                  React…
                </button>
                {picking && (
                  <EmojiPicker
                    label="Pick a reaction"
                    onPick={(emoji) => {
                      setPicking(false);
                      onReact(message.seq, emoji);
                    }}
                    onClose={() => setPicking(false)}
                  />
                )}
              </span>
              {mine && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setDraft(message.text);
                    setEditing(true);
                  }}
                >
                  Edit
                </button>
              )}
              {(mine || canModerate) && (
                <button type="button" className="link-button" onClick={() => setConfirmDelete(true)}>
                  Delete
                </button>
              )}
            </>
          )}
        </div>
      )}
    </article>
  );
}

interface PendingProps {
  pending: PendingMessage;
  replyTo: MessageView | undefined;
  myUsername: string;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
}

export function PendingItem({ pending, replyTo, myUsername, onRetry, onDiscard }: PendingProps) {
  const status =
    pending.status === "failed"
      ? `Not sent: ${pending.error?.message ?? "the server refused it"}`
      : pending.status === "queued"
        ? pending.attempts > 0
          ? "Waiting for the connection to send again…"
          : "Waiting for connection…"
        : "Sending…";
  return (
    <article
      className={`message message-mine message-pending message-${pending.status}`}
      aria-label={`Your message, ${pending.status === "failed" ? "not sent" : "sending"}`}
      data-client-id={pending.clientMessageId}
    >
      <header className="message-meta">
        <span className="message-sender">{myUsername}</span>
      </header>
      {pending.replyToSeq !== null && <ReplyQuote replyTo={replyTo} seq={pending.replyToSeq} />}
      <p className="message-text">
        <RichText text={pending.text} myUsername={myUsername} />
      </p>
      <p className="message-status" role={pending.status === "failed" ? "alert" : undefined}>
        {status}
        {pending.status !== "sending" && (
          <>
            {" "}
            <button type="button" className="link-button" onClick={() => onRetry(pending.clientMessageId)}>
              Retry
            </button>{" "}
            <button type="button" className="link-button" onClick={() => onDiscard(pending.clientMessageId)}>
              Discard
            </button>
          </>
        )}
      </p>
    </article>
  );
}

import { useId, useRef, useState } from "react";
import { upload } from "../api/chatApi";
import { describeError } from "../api/errors";
import type { MessageView } from "../hub/protocol";
import { PaperclipIcon, SmileIcon } from "../shell/icons";
import { EmojiPicker } from "./EmojiPicker";
import { applyMention, findMentionQuery, suggestMentions, type MentionCandidate, type MentionQuery } from "./mentions";

/** Matches the SignalR default receive limit with room for the JSON envelope. */
export const maxMessageLength = 4000;
const maxUploadBytes = 10 * 1024 * 1024;

interface UploadState {
  id: number;
  name: string;
  progress: number;
  abort: () => void;
}

interface Props {
  /** Where uploads are shared: only this conversation's members may fetch them. */
  conversationId: string;
  label: string;
  members: readonly MentionCandidate[];
  myUserId: string;
  replyTo: MessageView | null;
  disabledReason: string | null;
  getAccessToken: () => Promise<string | null>;
  onCancelReply: () => void;
  onSend: (text: string, replyToSeq: number | null) => void;
  onTyping: () => void;
  onError: (message: string) => void;
}

/**
 * The message box: Enter sends, Shift+Enter adds a line; "@" opens member suggestions (arrows
 * choose, Enter or Tab accepts, Escape closes); emoji and file buttons insert at the caret.
 */
export function Composer(props: Props) {
  const [text, setText] = useState("");
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const [picking, setPicking] = useState(false);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const uploadCounter = useRef(0);
  const id = useId();
  const listId = `${id}-mentions`;

  const suggestions = mention ? suggestMentions(mention.query, props.members, { excludeUserId: props.myUserId }) : [];
  const open = suggestions.length > 0;
  const disabled = props.disabledReason !== null;
  const tooLong = text.length > maxMessageLength;

  const updateMention = (value: string, caret: number) => {
    const next = findMentionQuery(value, caret);
    setMention(next);
    if (next?.query !== mention?.query) setActive(0);
  };

  const setTextAndCaret = (value: string, caret: number) => {
    setText(value);
    requestAnimationFrame(() => {
      const el = textarea.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(caret, caret);
    });
  };

  const accept = (candidate: MentionCandidate) => {
    if (!mention) return;
    const next = applyMention(text, mention, candidate.username);
    setMention(null);
    setTextAndCaret(next.text, next.caret);
  };

  const insertAtCaret = (insert: string) => {
    const el = textarea.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    setTextAndCaret(text.slice(0, start) + insert + text.slice(end), start + insert.length);
  };

  const submit = () => {
    const trimmed = text.trim();
    if (trimmed.length === 0 || tooLong || disabled) return;
    props.onSend(trimmed, props.replyTo?.seq ?? null);
    setText("");
    setMention(null);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (open) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((a) => (a + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        accept(suggestions[Math.min(active, suggestions.length - 1)]!);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape" && props.replyTo) {
      props.onCancelReply();
    }
  };

  const startUpload = async (file: File) => {
    if (file.size > maxUploadBytes) {
      props.onError(`${file.name} is larger than ${maxUploadBytes / 1024 / 1024} MB.`);
      return;
    }
    const uploadId = ++uploadCounter.current;
    const token = await props.getAccessToken();
    const handle = upload(file, { conversationId: props.conversationId }, token, (progress) =>
      setUploads((list) => list.map((u) => (u.id === uploadId ? { ...u, progress } : u))),
    );
    setUploads((list) => [...list, { id: uploadId, name: file.name, progress: 0, abort: handle.abort }]);
    try {
      const result = await handle.promise;
      const url = new URL(result.url, window.location.origin).href;
      setText((current) => (current.trim().length > 0 ? `${current.trimEnd()} ${url}` : url));
      textarea.current?.focus();
    } catch (error) {
      props.onError(`${file.name} could not be uploaded: ${describeError(error)}`);
    } finally {
      setUploads((list) => list.filter((u) => u.id !== uploadId));
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {props.replyTo && (
        <div className="reply-banner">
          <span>
            Replying to <strong>{props.replyTo.senderName}</strong>: {props.replyTo.text.slice(0, 80)}
          </span>
          <button type="button" className="link-button" onClick={props.onCancelReply} aria-label="Cancel reply">
            Cancel
          </button>
        </div>
      )}
      {uploads.map((u) => (
        <div key={u.id} className="upload-progress">
          <label htmlFor={`${id}-upload-${u.id}`}>Uploading {u.name}</label>
          <progress id={`${id}-upload-${u.id}`} max={1} value={u.progress} />
          <button type="button" className="link-button" onClick={u.abort}>
            Cancel
          </button>
        </div>
      ))}
      {disabled && <p className="composer-disabled" role="status">{props.disabledReason}</p>}
      <div className="composer-row">
        <div className="composer-input">
          <label htmlFor={`${id}-text`} className="visually-hidden">
            {props.label}
          </label>
          <textarea
            id={`${id}-text`}
            ref={textarea}
            value={text}
            rows={Math.min(6, Math.max(1, text.split("\n").length))}
            placeholder={props.label}
            disabled={disabled}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open ? `${listId}-${active}` : undefined}
            aria-describedby={`${id}-hint`}
            aria-invalid={tooLong || undefined}
            onChange={(e) => {
              setText(e.target.value);
              updateMention(e.target.value, e.target.selectionStart);
              if (e.target.value.length > 0) props.onTyping();
            }}
            onSelect={(e) => updateMention(e.currentTarget.value, e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            onBlur={() => setTimeout(() => setMention(null), 150)}
          />
          <ul id={listId} role="listbox" aria-label="Mention suggestions" className="mention-list" hidden={!open}>
            {suggestions.map((candidate, index) => (
              <li
                key={candidate.userId}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? "active" : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(candidate);
                }}
              >
                <strong>@{candidate.username}</strong>
                {candidate.displayName && candidate.displayName !== candidate.username && <span className="muted"> {candidate.displayName}</span>}
              </li>
            ))}
          </ul>
        </div>
        <span className="popover-anchor">
          <button
            type="button"
            className="icon-button"
            aria-label="Insert emoji"
            aria-haspopup="dialog"
            aria-expanded={picking}
            disabled={disabled}
            onClick={() => setPicking((p) => !p)}
          >
            <SmileIcon />
          </button>
          {picking && (
            <EmojiPicker
              label="Insert emoji"
              onPick={(emoji) => {
                setPicking(false);
                insertAtCaret(emoji);
              }}
              onClose={() => setPicking(false)}
            />
          )}
        </span>
        <button type="button" className="icon-button" aria-label="Attach a file" disabled={disabled} onClick={() => fileInput.current?.click()}>
          <PaperclipIcon />
        </button>
        <input
          ref={fileInput}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = "";
            for (const file of files) void startUpload(file);
          }}
          multiple
        />
        <button type="submit" className="send-button" disabled={disabled || tooLong || text.trim().length === 0}>
          Send
        </button>
      </div>
      <p id={`${id}-hint`} className={`composer-hint${tooLong ? " error-text" : ""}`}>
        {tooLong
          ? `Too long: ${text.length} of ${maxMessageLength} characters.`
          : "Enter to send, Shift+Enter for a new line, @ to mention."}
      </p>
    </form>
  );
}

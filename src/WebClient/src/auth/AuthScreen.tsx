import { useId, useState } from "react";
import { authApi } from "../api/authApi";
import { ApiError, describeError } from "../api/errors";
import { Link } from "../shell/Link";
import { routes } from "../shell/router";
import { useSessionStore } from "./SessionContext";

type Mode = "login" | "signup";

/** Client-side checks mirroring the gateway's rules (the gateway has the final say). */
export function validateCredentials(mode: Mode, username: string, password: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (username.length === 0) errors.username = "Enter a username.";
  else if (mode === "signup") {
    if (username.length < 3 || username.length > 32) errors.username = "A username has 3 to 32 characters.";
    else if (!/^[A-Za-z0-9_.-]+$/.test(username)) errors.username = "Use only letters A-Z, digits, '_', '.' and '-'.";
    else if (username.toLowerCase().startsWith("guest-")) errors.username = "Names starting with 'guest-' are reserved for guests.";
  }
  if (password.length === 0) errors.password = "Enter a password.";
  else if (mode === "signup") {
    if (password.length < 8) errors.password = "A password has at least 8 characters.";
    else if (password.length > 256) errors.password = "A password has at most 256 characters.";
    else if (password.toLowerCase() === username.toLowerCase()) errors.password = "The password must not be the username.";
  }
  return errors;
}

/** Log in, sign up, or continue as a guest. */
export function AuthScreen({ mode, notice }: { mode: Mode; notice: string | null }) {
  const session = useSessionStore();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const signup = mode === "signup";

  const submit = async () => {
    const local = validateCredentials(mode, username, password);
    setFieldErrors(local);
    setError(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const tokens = signup ? await authApi.signUp(username, password) : await authApi.logIn(username, password);
      // The shell moves /login and /signup to home; any other (deep-linked) path stays.
      session.begin(tokens);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) {
        setFieldErrors(Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k, v.join(" ")])));
      }
      setError(e instanceof ApiError && e.code === "auth.throttled" && e.retryAfterSeconds
        ? `Too many attempts. Try again in ${Math.ceil(e.retryAfterSeconds / 60)} minute(s).`
        : describeError(e));
      setBusy(false);
    }
  };

  const guest = async () => {
    setBusy(true);
    setError(null);
    try {
      session.begin(await authApi.guest());
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  const describedBy = (field: string) => [fieldErrors[field] ? `${id}-${field}-error` : null, `${id}-${field}-hint`].filter(Boolean).join(" ");

  return (
    <main className="auth" id="main">
      <div className="auth-card">
        <p className="auth-brand">OrleansChat</p>
        <h1>{signup ? "Create your account" : "Log in"}</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-username`}>Username</label>
            <input
              id={`${id}-username`}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={fieldErrors.username ? true : undefined}
              aria-describedby={describedBy("username")}
            />
            <p id={`${id}-username-hint`} className="hint">
              {signup ? "3–32 characters: letters, digits, _ . -" : ""}
            </p>
            {fieldErrors.username && (
              <p id={`${id}-username-error`} className="error-text">
                {fieldErrors.username}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>Password</label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete={signup ? "new-password" : "current-password"}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={describedBy("password")}
            />
            <p id={`${id}-password-hint`} className="hint">
              {signup ? "At least 8 characters." : ""}
            </p>
            {fieldErrors.password && (
              <p id={`${id}-password-error`} className="error-text">
                {fieldErrors.password}
              </p>
            )}
          </div>
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button-wide" disabled={busy}>
            {busy ? "Please wait…" : signup ? "Sign up" : "Log in"}
          </button>
        </form>
        <p className="auth-switch">
          {signup ? (
            <>
              Have an account? <Link to={routes.login()}>Log in</Link>
            </>
          ) : (
            <>
              New here? <Link to={routes.signup()}>Create an account</Link>
            </>
          )}
        </p>
        <div className="auth-divider" role="separator">
          or
        </div>
        <button type="button" className="button-secondary button-wide" disabled={busy} onClick={() => void guest()}>
          Continue as guest
        </button>
      </div>
    </main>
  );
}

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { setTokenSource } from "./api/http";
import { SessionContext } from "./auth/SessionContext";
import { createBrowserSession } from "./auth/session";
import "./styles/app.css";

const session = createBrowserSession();
setTokenSource(session);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <SessionContext.Provider value={session}>
      <App />
    </SessionContext.Provider>
  </StrictMode>,
);

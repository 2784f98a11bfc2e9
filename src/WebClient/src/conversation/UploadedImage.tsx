import { useEffect, useState } from "react";
import { requestBlob } from "../api/http";

/**
 * An inline preview of a file shared in the conversation. Shared files need the bearer token,
 * which `<img src>` cannot send, so the bytes are fetched with it and shown through a `blob:`
 * URL (the gateway's CSP allows `img-src blob:`). Only images are shown; anything else, or a
 * file the reader may not fetch, renders nothing: the message's link stays.
 */
export function UploadedImage({ url }: { url: string }) {
  const [src, setSrc] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    let objectUrl: string | null = null;
    const path = new URL(url).pathname;
    requestBlob(path, { signal: abort.signal }).then(
      (blob) => {
        if (abort.signal.aborted || !blob.type.startsWith("image/")) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      },
      () => {},
    );
    return () => {
      abort.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      setSrc(null);
    };
  }, [url]);

  if (!src) return null;
  return <img src={src} alt="Uploaded image" className="message-image" />;
}

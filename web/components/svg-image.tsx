// Shows an SVG document from the API as an image: scripts or links inside it can never run
// (an <img> renders SVG as a picture), whatever a circuit's name or source contains.
import { useEffect, useState } from "preact/hooks";

export function SvgImage({ svg, alt }: { svg: string; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [svg]);
  return url ? <img class="diagram" src={url} alt={alt} /> : null;
}

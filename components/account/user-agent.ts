/** "Chrome 130 on Linux" from a User-Agent header; enough to tell one's sessions apart. */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return "Unknown client";
  const browser =
    match(ua, /Edg\/(\d+)/, "Edge") ??
    match(ua, /OPR\/(\d+)/, "Opera") ??
    match(ua, /Firefox\/(\d+)/, "Firefox") ??
    match(ua, /HeadlessChrome\/(\d+)/, "Headless Chrome") ??
    match(ua, /Chrom(?:e|ium)\/(\d+)/, "Chrome") ??
    match(ua, /Version\/(\d+)[.\d]* .*Safari\//, "Safari") ??
    match(ua, /^curl\/([\d.]+)/, "curl") ??
    match(ua, /^node|undici/i, "Node.js") ??
    ua.split(/[ /]/)[0] ??
    "Unknown client";
  const os = /Windows/.test(ua) ? "Windows" : /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Mac OS X/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : null;
  return os ? `${browser} on ${os}` : browser;
}

function match(ua: string, re: RegExp, name: string): string | null {
  const m = re.exec(ua);
  if (!m) return null;
  return m[1] ? `${name} ${m[1]}` : name;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `11-29 09:00:12` in the phone's time zone; an unreadable time is shown as it came. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

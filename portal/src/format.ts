/** Hà Nội time and Vietnamese numbers, whatever the browser's own settings. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateTime = new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
const date = new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
export const formatDate = (iso: string): string => date.format(new Date(iso));
/** 92.63 → "92,63" */
export const formatNumber = (value: number): string => number.format(value);

/** The month (YYYY-MM) an instant falls in, in Hà Nội. */
export const hanoiMonth = (at: Date): string => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 7);

/** "Tháng 12/2026" */
export const monthLabel = (month: string): string => `Tháng ${Number(month.slice(5))}/${month.slice(0, 4)}`;

/** How long until a deadline, in words: "còn 5 ngày", "còn 3 giờ", "đã quá hạn". */
export function remaining(deadline: string, now: Date): string {
  const ms = Date.parse(deadline) - now.getTime();
  if (ms <= 0) return 'đã quá hạn';
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 48) return `còn ${Math.floor(hours / 24)} ngày`;
  if (hours >= 1) return `còn ${hours} giờ`;
  return `còn ${Math.max(1, Math.floor(ms / 60_000))} phút`;
}

/** The instant shown for a deadline "before day N" (its first late instant): the last minute before it. */
export const lastMoment = (deadline: string): string => new Date(Date.parse(deadline) - 60_000).toISOString();

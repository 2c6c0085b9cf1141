import type { Tone } from './StatusTag';

/** One home for how the portal names a plan's status and a form's state (long on its own screen, short in lists). */
export const PLAN_STATUS: Readonly<Record<string, { label: string; short: string; tone: Tone }>> = {
  DRAFT: { label: 'Đang lập', short: 'Đang lập', tone: 'neutral' },
  SUBMITTED: { label: 'Chờ lãnh đạo phê duyệt', short: 'Chờ duyệt', tone: 'info' },
  APPROVED: { label: 'Đã phê duyệt', short: 'Đã duyệt', tone: 'success' },
  RETURNED: { label: 'Bị trả lại: sửa và gửi lại', short: 'Bị trả lại', tone: 'warning' },
};

export const FORM_STATE: Readonly<Record<string, { label: string; short: string; tone: Tone }>> = {
  DRAFT: { label: 'Đang tự đánh giá', short: 'Chưa gửi', tone: 'neutral' },
  SELF_SUBMITTED: { label: 'Đã gửi tự đánh giá', short: 'Đã gửi', tone: 'info' },
  COMMENTED: { label: 'Đã có ý kiến nhận xét', short: 'Đã nhận xét', tone: 'info' },
  DECIDED: { label: 'Đã có quyết định xếp loại', short: 'Đã quyết định', tone: 'success' },
  PUBLISHED: { label: 'Đã công khai kết quả', short: 'Đã công khai', tone: 'success' },
};

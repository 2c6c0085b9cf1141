import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { formatDateTime, lastMoment } from './format';

/** A GraphQL error as the portal shows it: its code, the field it names, and a Vietnamese sentence. */
export interface ShownError {
  code: string;
  field: string | null;
  message: string;
}

/** The API's coded errors, told the way the user can act on them (DOMAIN: users read Vietnamese). */
export function shownError(error: unknown): ShownError {
  const first = CombinedGraphQLErrors.is(error) ? error.errors[0] : null;
  if (!first) return { code: 'NETWORK', field: null, message: 'Không kết nối được với hệ thống: kiểm tra mạng rồi thử lại.' };
  const code = String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const field = typeof first.extensions?.field === 'string' ? first.extensions.field : null;
  switch (code) {
    case 'CONFLICT':
      return { code, field, message: 'Phiếu vừa được thay đổi ở nơi khác: tải lại để xem bản mới nhất rồi làm tiếp.' };
    case 'DEADLINE_PASSED': {
      const deadline = typeof first.extensions?.deadline === 'string' ? first.extensions.deadline : null;
      return {
        code,
        field,
        message: `Đã hết hạn${deadline ? ` (mở đến ${formatDateTime(lastMoment(deadline))}, giờ Hà Nội)` : ''}: chỉ người có thẩm quyền quyết định đánh giá của bạn mới mở lại được bước này.`,
      };
    }
    case 'FORBIDDEN':
      return { code, field, message: first.message || 'Bạn không có quyền thực hiện thao tác này.' };
    case 'INTERNAL_SERVER_ERROR':
      return { code, field, message: 'Hệ thống gặp sự cố: hãy thử lại sau ít phút.' };
    default:
      return { code, field, message: first.message };
  }
}

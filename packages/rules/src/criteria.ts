/**
 * Criteria frameworks (khung tiêu chí, forms 01–04) and the general-criteria score (group I).
 *
 * Source: document 003 (Hà Đông ward plan 2026 under 11-QĐ/TU), Phụ lục 1, "Mẫu số 01–04". Every
 * item text and maximum below is copied from it; DOMAIN §4 is the summary. A framework is data,
 * versioned and dated like a policy: a month is scored with the framework in force for that month,
 * and a later regulation is a new `CriteriaFramework`, never an edit of this one.
 *
 * Group I (general criteria, 30) is scored per criterion; group II (task results, 70) is KPI × 70
 * (see `monthlyScore`); group III (deductions) is set per criterion by the unit, never more than
 * the criterion's maximum (document 003: "Điểm trừ không vượt quá số điểm quy định của từng tiêu
 * chí"). Arithmetic is in integer hundredths, so the total is exact to 2 decimals.
 *
 * Where the document and DOMAIN.md disagree: they do not on any maximum. The points to know are
 * marked "Document:" below (sub-item numbering, garbled words in the text file, form headings).
 */
import { checkArray, checkObject, invalid } from './errors';
import { POW10, fromUnits, readDecimal } from './exact';

export type CriteriaFormId = 'FORM_01' | 'FORM_02' | 'FORM_03' | 'FORM_04';

const FORM_IDS: readonly CriteriaFormId[] = ['FORM_01', 'FORM_02', 'FORM_03', 'FORM_04'];

export interface Criterion {
  /** As numbered in the document: '1.1', '3.2.1', or the group's own number for a one-item group. */
  code: string;
  /** The full Vietnamese item text; an item with bullet points keeps them as "\n- " lines. */
  text: string;
  /** Maximum points, e.g. 1, 0.5, 2. */
  max: number;
}

/**
 * A numbered sub-heading inside a group that carries its own maximum but is not scored itself
 * (forms 01/02: 3.1 "Năng lực lãnh đạo, quản lý", 4 points, over items 3.1.1–3.1.4). Kept so that
 * the form can be printed as issued; its items are the criteria whose code starts with `code + '.'`.
 */
export interface CriteriaSection {
  code: string;
  title: string;
  max: number;
}

export interface CriteriaGroup {
  code: string;
  title: string;
  max: number;
  criteria: Criterion[];
  /** Sub-headings with their maxima, when the document has them (forms 01/02, group 3). */
  sections?: CriteriaSection[];
}

export interface CriteriaFramework {
  form: CriteriaFormId;
  /** The policy the framework belongs to ('hanoi2026'). */
  version: string;
  /** First month ('YYYY-MM') the framework applies to. */
  effectiveFrom: string;
  /** Vietnamese, as the form is named in the document. */
  title: string;
  /** English: who is evaluated with it. */
  appliesTo: string;
  groups: CriteriaGroup[];
  generalMax: 30;
  taskResultsMax: 70;
}

const c = (code: string, text: string, max: number): Criterion => ({ code, text, max });

function group(code: string, title: string, max: number, criteria: Criterion[], sections?: CriteriaSection[]): CriteriaGroup {
  return sections ? { code, title, max, criteria, sections } : { code, title, max, criteria };
}

/**
 * Forms 01 and 02 (leaders). Form 01's table repeats form 02's word for word, so both are built
 * here; a function, not a shared constant, so that the two frameworks share no objects.
 *
 * Document: the items under 3.1–3.5 are bullets ("-") without numbers; they are numbered
 * 3.1.1, 3.1.2, … here in the order printed, and 3.1–3.5 become `sections` with their maxima.
 */
function leaderGroups(): CriteriaGroup[] {
  return [
    group('1', 'Về chính trị, tư tưởng', 5, [
      c('1.1', 'Tuyệt đối trung thành với Đảng, với Tổ quốc và Nhân dân; kiên định lý tưởng cách mạng, chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh, mục tiêu độc lập dân tộc, chủ nghĩa xã hội và đường lối đổi mới của Đảng.', 1),
      c('1.2', 'Có lập trường, quan điểm, bản lĩnh chính trị vững vàng, không dao động trước mọi khó khăn, thách thức; kiên quyết bảo vệ nền tảng tư tưởng, Cương lĩnh, đường lối của Đảng, Hiến pháp và pháp luật của Nhà nước; nhận thức và hành động thống nhất về tư tưởng chính trị, tổ chức và đạo đức; đấu tranh phản bác các quan điểm sai trái, luận điệu xuyên tạc của các thế lực thù địch. Giữ nghiêm kỷ luật phát ngôn theo đúng nguyên tắc, quy định của Đảng.', 1),
      c('1.3', 'Có tinh thần yêu nước sâu sắc, tận tụy phục vụ Nhân dân, sâu sát cơ sở, luôn hành động vì lợi ích của Nhân dân, đặt lợi ích của Đảng, quốc gia, dân tộc, Nhân dân, tập thể lên trên lợi ích cá nhân; sẵn sàng hy sinh vì sự nghiệp của Đảng, vì độc lập, tự do của Tổ quốc, vì hạnh phúc của Nhân dân.', 1),
      c('1.4', 'Tuyệt đối chấp hành sự phân công của tổ chức, yên tâm công tác và hoàn thành tốt mọi nhiệm vụ được giao.', 1),
      c('1.5', 'Tích cực nghiên cứu, học tập các chủ trương, nghị quyết của Đảng, chính sách, pháp luật của Nhà nước; thường xuyên bồi dưỡng, cập nhật kiến thức mới và vận dụng sáng tạo vào thực tiễn.', 0.5),
      c('1.6', 'Có năng lực tư duy và tầm nhìn đáp ứng với yêu cầu thay đổi của tình hình thực tiễn; phát huy tinh thần chủ động, đổi mới, sáng tạo; phấn đấu vì mục tiêu phát triển của tổ chức, cơ quan, đơn vị, đóng góp vào mục tiêu chung của đất nước.', 0.5),
    ]),
    // Document: form 01 prints this heading in capitals ("VỀ PHẨM CHẤT ĐẠO ĐỨC …"); same words.
    group('2', 'Về phẩm chất đạo đức và ý thức tổ chức kỷ luật', 5, [
      c('2.1', 'Có phẩm chất đạo đức, lối sống trong sáng, trung thực, khiêm tốn, chân thành, giản dị; cần, kiệm, liêm, chính, chí công vô tư; chấp hành nghiêm quy định về trách nhiệm nêu gương; không vi phạm Quy định về những điều đảng viên không được làm. Không vi phạm đạo đức, lối sống đến mức bị xử lý kỷ luật trong 5 năm gần nhất.', 1),
      c('2.2', 'Không tham ô, tham nhũng, tiêu cực, quan liêu, hách dịch, cửa quyền, vụ lợi; không để người thân, người quen lợi dụng chức vụ, quyền hạn của mình để trục lợi. Không có biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện "tự diễn biến", "tự chuyển hoá" trong nội bộ. Kiên quyết đấu tranh chống quan liêu, cửa quyền, tham nhũng, xa hoa, lãng phí, tiêu cực, chủ nghĩa cá nhân, lối sống cơ hội, thực dụng, bè phái, lợi ích nhóm, nói không đi đôi với làm.', 1),
      c('2.3', 'Có ý thức tự giác học tập, tu dưỡng, rèn luyện đạo đức bản thân; có tinh thần, trách nhiệm cao với công việc; cần cù, chịu khó, năng động, sáng tạo, dám nghĩ, dám nói, dám làm, dám chịu trách nhiệm, dám đương đầu với khó khăn, thử thách, dám hy sinh vì lợi ích chung.', 1),
      c('2.4', 'Thực hiện nghiêm các nguyên tắc tổ chức và hoạt động của Đảng, nhất là nguyên tắc tập trung dân chủ, tự phê bình và phê bình; thực hiện đúng, đầy đủ quyền hạn, trách nhiệm và chỉ đạo thực hiện các quy định, quy chế, nội quy của tổ chức, cơ quan, đơn vị nơi công tác; kiên quyết đấu tranh với những biểu hiện, việc làm trái với các quy định của Đảng, Nhà nước trong công tác cán bộ.', 1),
      c('2.5', 'Thực hiện việc kê khai và công khai tài sản, thu nhập theo quy định.', 0.5),
      c('2.6', 'Báo cáo đầy đủ, trung thực, cung cấp thông tin chính xác, khách quan về những nội dung liên quan đến việc thực hiện chức trách, nhiệm vụ được giao và hoạt động của tổ chức, cơ quan, đơn vị với cấp trên khi được yêu cầu.', 0.5),
    ]),
    group(
      '3',
      'Năng lực lãnh đạo, quản lý và năng lực chuyên môn, nghiệp vụ theo yêu cầu của vị trí việc làm; khả năng đáp ứng yêu cầu thực thi nhiệm vụ được giao; thái độ công tác trong thực hiện nhiệm vụ; tinh thần đổi mới sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung',
      16,
      [
        c('3.1.1', 'Có tư duy, khả năng hoạch định đường lối, chính sách và lãnh đạo, chỉ đạo tổ chức thực hiện đóng góp vào mục tiêu phát triển chung của địa phương, tổ chức, cơ quan, đơn vị; lãnh đạo, chỉ đạo xây dựng, củng cố, kiện toàn tổ chức đảng, đoàn thể trong sạch, vững mạnh.', 1),
        c('3.1.2', 'Có tầm nhìn, phương pháp làm việc khoa học; có năng lực tổng hợp, phân tích và dự báo.', 1),
        c('3.1.3', 'Có năng lực, kinh nghiệm thực tiễn để cụ thể hoá và tổ chức thực hiện có hiệu quả đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước ở lĩnh vực, địa bàn công tác được phân công phụ trách.', 1),
        c('3.1.4', 'Có khả năng chỉ đạo, điều hành hoạt động của tổ chức, cơ quan, đơn vị, phân công công việc khoa học, giám sát chặt chẽ, giữ gìn kỷ cương, kỷ luật.', 1),
        c('3.2.1', 'Có kiến thức chuyên sâu về lĩnh vực công tác được phân công; am hiểu quy định pháp luật, quy trình nghiệp vụ có liên quan đến vị trí việc làm.', 1),
        c('3.2.2', 'Có khả năng phát hiện các vấn đề mới, khó và những hạn chế, bất cập trong thực tiễn; chủ động đề xuất chủ trương, chính sách, nhiệm vụ, giải pháp phù hợp, khả thi, hiệu quả để tháo gỡ điểm nghẽn, thúc đẩy phát triển.', 1),
        c('3.2.3', 'Có kỹ năng xử lý công việc độc lập, làm việc nhóm hiệu quả.', 1),
        c('3.3.1', 'Nhiệm vụ thường xuyên: Vận dụng hiệu quả kiến thức chuyên môn, nghiệp vụ để xử lý công việc chuyên môn theo kế hoạch định kỳ; duy trì ổn định chất lượng chuyên môn.', 1),
        c('3.3.2', 'Nhiệm vụ đột xuất: Chủ động đề xuất giải pháp, thực hiện hiệu quả các công việc phát sinh; có khả năng phản ứng kịp thời, đáp ứng với yêu cầu, nhiệm vụ cụ thể.', 1),
        c('3.4.1', 'Tinh thần trách nhiệm cao trong công việc; chủ động tiếp cận kiến thức mới để kịp thời điều chỉnh, đề xuất cải tiến quy trình hoặc giải pháp nâng cao hiệu quả công việc.', 1),
        // Document: "lễ lối" as printed in form 02 (the usual spelling is "lề lối"). Form 01's copy
        // in the text file is garbled ("lễ l貌"); form 02's reading of the same sentence is used.
        c('3.4.2', 'Có thái độ đúng mực, phong cách làm việc chuẩn mực, lễ lối hành chính chuyên nghiệp trong quan hệ công tác.', 1),
        c('3.4.3', 'Phối hợp có hiệu quả với tập thể, cá nhân có liên quan trong việc triển khai thực hiện các nhiệm vụ được phân công.', 1),
        c('3.5.1', 'Có sáng kiến, mô hình cách làm mới hoặc đề xuất giải pháp hiệu quả, mang tính đột phá hoặc tạo chuyển biến, được áp dụng trong thực tiễn thuộc phạm vi, lĩnh vực phụ trách và được cấp có thẩm quyền ghi nhận, đánh giá cao.', 1),
        c('3.5.2', 'Sẵn sàng tham gia thực hiện nhiệm vụ chính trị đặc biệt quan trọng, nhiệm vụ có tính chất đột xuất, phức tạp hoặc trong điều kiện khó khăn.', 1),
        c('3.5.3', 'Có tinh thần chịu trách nhiệm trước kết quả công việc; chủ động nhận trách nhiệm khi có sai sót và có biện pháp khắc phục rõ ràng, cụ thể.', 1),
        // Document: form 01's copy reads "thảm quyền" (a lost circumflex); form 02 has "thẩm quyền".
        c('3.5.4', 'Quyết đoán, kịp thời đưa ra quyết định trong phạm vi thẩm quyền, không né tránh; có tinh thần tiên phong trong thực hiện những nhiệm vụ mới.', 1),
      ],
      [
        { code: '3.1', title: 'Năng lực lãnh đạo, quản lý', max: 4 },
        { code: '3.2', title: 'Năng lực chuyên môn, nghiệp vụ theo vị trí việc làm', max: 3 },
        { code: '3.3', title: 'Khả năng đáp ứng yêu cầu thực thi nhiệm vụ được giao', max: 2 },
        { code: '3.4', title: 'Thái độ công tác trong thực hiện nhiệm vụ', max: 3 },
        { code: '3.5', title: 'Tinh thần đổi mới sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung', max: 4 },
      ],
    ),
    group('4', 'Về mức độ tín nhiệm, uy tín và khả năng quy tụ đoàn kết', 2, [
      c('4.1', 'Có uy tín trong nội bộ, gương mẫu, gắn bó mật thiết với Nhân dân; được cán bộ, đảng viên, quần chúng nhân dân ở địa phương, tổ chức, cơ quan, đơn vị tin tưởng, tín nhiệm cao.', 1),
      c('4.2', 'Có khả năng quy tụ, đoàn kết nội bộ; xây dựng tập thể vững mạnh về chính trị, tư tưởng, tổ chức và đạo đức; phát huy được sức mạnh tập thể; xây dựng đội ngũ cán bộ, công chức đoàn kết, chuyên nghiệp, đáp ứng yêu cầu, nhiệm vụ.', 1),
    ]),
    group('5', 'Về tự phê bình và phê bình, tự soi, tự sửa, khắc phục hạn chế, khuyết điểm', 2, [
      c('5.1', 'Tinh thần tự phê bình, tự soi, tự sửa của cá nhân lãnh đạo, quản lý; sự chủ động nhận diện thiếu sót trong công tác lãnh đạo, chỉ đạo.', 1),
      c('5.2', 'Kết quả khắc phục những hạn chế, khuyết điểm đã được chỉ ra của bản thân và trong phạm vi lãnh đạo, quản lý.', 1),
    ]),
  ];
}

/** Group 2 heading, word for word the same in forms 03 and 04. */
const CAPACITY_TITLE =
  'Năng lực chuyên môn, nghiệp vụ theo yêu cầu của vị trí việc làm; khả năng đáp ứng yêu cầu thực thi nhiệm vụ được giao; thái độ công tác trong thực hiện nhiệm vụ; tinh thần đổi mới sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung';

/**
 * Group 3 of forms 03 and 04. Document: the group (5 points) holds one unnumbered item, so the
 * item is scored under the group's own number, '3' (no '3.1' exists on the paper form).
 */
function selfCriticismGroup(): CriteriaGroup {
  return group('3', 'Về tự phê bình và phê bình, khắc phục hạn chế, khuyết điểm', 5, [
    c('3', 'Tinh thần tự phê bình, tự soi, tự sửa của cá nhân; mức độ tự giác nhận diện hạn chế, khuyết điểm của bản thân và kết quả khắc phục những hạn chế, khuyết điểm đã được chỉ ra.', 5),
  ]);
}

const HANOI_2026 = { version: 'hanoi2026', effectiveFrom: '2026-04', generalMax: 30, taskResultsMax: 70 } as const;

const form01: CriteriaFramework = {
  form: 'FORM_01',
  ...HANOI_2026,
  title: 'Mẫu số 01 – Khung tiêu chí đánh giá: Chức danh Cán bộ diện Ban Thường vụ Thành ủy quản lý',
  appliesTo: 'Cadres whose posts are managed by the City Party Standing Committee (e.g. the ward Party Secretary)',
  groups: leaderGroups(),
};

/**
 * Document: Phụ lục 1's index names form 02 "Chức danh Cán bộ lãnh đạo, quản lý diện cấp ủy, tổ
 * chức đảng, cơ quan, đơn vị quản lý", while the form's own heading reads "Chức danh cán bộ lãnh
 * đạo, quản lý diện Ban Thường vụ Đảng ủy quản lý" (the ward's instance). The index wording is used:
 * it is the general one, and the one DOMAIN §4 follows.
 */
const form02: CriteriaFramework = {
  form: 'FORM_02',
  ...HANOI_2026,
  title: 'Mẫu số 02 – Khung tiêu chí đánh giá: Chức danh Cán bộ lãnh đạo, quản lý diện cấp ủy, tổ chức đảng, cơ quan, đơn vị quản lý',
  appliesTo: 'Leaders and managers (heads and deputies) managed by a Party committee, Party organisation, agency or unit',
  groups: leaderGroups(),
};

/**
 * Document: part II.2 of the plan sends non-leaders to "Phụ lục 2", but Phụ lục 2 is the process for
 * city-managed cadres; their criteria are forms 03 and 04 of Phụ lục 1 (as part of Phụ lục 3 says).
 * Items 2.1–2.4 are headings with bullet points scored as one item; the bullets are kept as lines.
 */
const form03: CriteriaFramework = {
  form: 'FORM_03',
  ...HANOI_2026,
  title: 'Mẫu số 03 – Khung tiêu chí đánh giá chung: Cán bộ, công chức, viên chức không giữ chức vụ lãnh đạo, quản lý; lao động hợp đồng thực hiện chuyên môn, nghiệp vụ',
  appliesTo: 'Cadres, civil servants and public employees without a leadership post; contract workers doing professional work',
  groups: [
    group('1', 'Về chính trị, phẩm chất đạo đức và ý thức tổ chức kỷ luật', 15, [
      c('1.1', 'Có quan điểm, bản lĩnh chính trị vững vàng; kiên định lập trường; không dao động trước mọi khó khăn, thách thức; có ý thức nghiên cứu, học tập, vận dụng chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh, nghị quyết, chỉ thị, quyết định và các văn bản của Đảng.', 2),
      c('1.2', 'Thực hiện nghiêm các nguyên tắc tổ chức và hoạt động của Đảng, nhất là nguyên tắc tập trung dân chủ, tự phê bình và phê bình. Chấp hành đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước; thực hiện nghiêm về kỷ luật phát ngôn, bảo vệ bí mật nhà nước.', 2),
      c('1.3', 'Giữ gìn phẩm chất đạo đức, lối sống trong sáng, trung thực, khiêm tốn, chân thành, giản dị; có ý thức tham gia công tác đấu tranh phòng, chống tham nhũng, lãng phí, tiêu cực; không có biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống, "tự diễn biến", "tự chuyển hoá"; không vi phạm Quy định về những điều đảng viên không được làm. Không tham ô, tham nhũng, tiêu cực, quan liêu, hách dịch, cửa quyền, vụ lợi; không để người thân, người quen lợi dụng quyền hạn của mình để trục lợi.', 2),
      c('1.4', 'Có ý thức tổ chức kỷ luật, tinh thần trách nhiệm trong công tác; chấp hành sự phân công của tổ chức; thực hiện các quy định, quy chế, nội quy của tổ chức, cơ quan, đơn vị nơi công tác.', 2),
      c('1.5', 'Thực hiện việc kê khai và công khai tài sản, thu nhập theo quy định.', 2),
      c('1.6', 'Báo cáo đầy đủ, trung thực, cung cấp thông tin chính xác, khách quan về những nội dung liên quan đến việc thực hiện chức trách, nhiệm vụ được giao và hoạt động của tổ chức, cơ quan, đơn vị với cấp trên khi được yêu cầu.', 2),
      c('1.7', 'Giữ gìn đoàn kết nội bộ; có quan hệ tốt với đồng chí, đồng nghiệp; tích cực tham gia xây dựng tổ chức đảng, đoàn thể và các hoạt động xã hội, cộng đồng và phong trào tập thể do tổ chức, cơ quan, đơn vị tổ chức.', 2),
      c('1.8', 'Gần gũi, sâu sát với cơ sở; thực hiện tốt việc giữ mối liên hệ với cấp uỷ và Nhân dân nơi cư trú.', 1),
    ]),
    group('2', CAPACITY_TITLE, 10, [
      c('2.1', 'Năng lực chuyên môn, nghiệp vụ theo yêu cầu của vị trí việc làm\n- Có hiểu biết đầy đủ về lĩnh vực công tác được phân công; nắm vững quy định pháp luật, quy trình nghiệp vụ có liên quan đến vị trí việc làm.\n- Thường xuyên cập nhật kiến thức mới, có khả năng nghiên cứu, phân tích, tổng hợp và vận dụng sáng tạo vào công việc; đáp ứng yêu cầu đổi mới, cải cách hành chính.\n- Có kỹ năng xử lý công việc độc lập, làm việc nhóm hiệu quả.\n- Khả năng sử dụng công nghệ thông tin, chuyển đổi số, áp dụng khoa học - công nghệ vào công việc chuyên môn.', 3),
      c('2.2', 'Khả năng đáp ứng yêu cầu thực thi nhiệm vụ được giao\n- Nhiệm vụ thường xuyên: Có khả năng vận dụng thành thạo kiến thức chuyên môn, nghiệp vụ để xử lý công việc chuyên môn theo kế hoạch định kỳ; duy trì ổn định chất lượng chuyên môn.\n- Nhiệm vụ đột xuất: Có khả năng đề xuất giải pháp, thực hiện hiệu quả các công việc phát sinh; có khả năng phản ứng kịp thời, đáp ứng với yêu cầu, nhiệm vụ cụ thể.', 2),
      // Document: "lễ lới" as printed (form 02's same sentence has "lễ lối"; usual spelling "lề lối").
      c('2.3', 'Thái độ công tác trong thực hiện nhiệm vụ\n- Tinh thần trách nhiệm, tích cực trong công việc; kịp thời tiếp cận kiến thức mới để điều chỉnh, đề xuất cải tiến quy trình hoặc giải pháp nâng cao hiệu quả công việc.\n- Có thái độ đúng mực, phong cách làm việc chuẩn mực, lễ lới hành chính chuyên nghiệp trong quan hệ công tác.\n- Phối hợp có hiệu quả với tập thể, cá nhân có liên quan trong việc triển khai thực hiện các nhiệm vụ được phân công.', 2),
      // Document: the last bullet has no final full stop.
      c('2.4', 'Tinh thần đổi mới sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung\n- Có sản phẩm, giải pháp đột phá, sáng tạo đem lại giá trị, hiệu quả thiết thực, tác động tích cực đến kết quả thực hiện nhiệm vụ của tổ chức, cơ quan, đơn vị, nhất là trong thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024.\n- Sẵn sàng tham gia thực hiện nhiệm vụ chính trị, nhiệm vụ có tính chất đột xuất, phức tạp hoặc trong điều kiện khó khăn.\n- Có tinh thần chịu trách nhiệm trước kết quả công việc; sẵn sàng nhận trách nhiệm khi có sai sót và có biện pháp khắc phục rõ ràng, cụ thể', 3),
    ]),
    selfCriticismGroup(),
  ],
};

/**
 * Document: the form's heading reads "Lao động hợp đồng lao động hỗ trợ phục vụ"; the index's
 * "hỗ trợ, phục vụ" (with the comma) is used in the title.
 */
const form04: CriteriaFramework = {
  form: 'FORM_04',
  ...HANOI_2026,
  title: 'Mẫu số 04 – Khung tiêu chí đánh giá chung: Lao động hợp đồng lao động hỗ trợ, phục vụ',
  appliesTo: 'Contract workers in support and service roles',
  groups: [
    group('1', 'Về chính trị, phẩm chất đạo đức và ý thức tổ chức kỷ luật', 15, [
      c('1.1', 'Chấp hành chủ trương, đường lối, quy định của Đảng, chính sách, pháp luật của Nhà nước và các nguyên tắc tổ chức kỷ luật của Đảng, nhất là nguyên tắc tập trung dân chủ, tự phê bình và phê bình trong cơ quan, đơn vị.', 3),
      c('1.2', 'Gương mẫu về đạo đức, lối sống; không tham ô, tham nhũng, quan liêu, lãng phí, hách dịch, cửa quyền; không có biểu hiện suy thoái về đạo đức, lối sống.', 3),
      c('1.3', 'Tác phong, lề lối làm việc chuẩn mực, tận tụy, trung thực, năng động, sáng tạo, linh hoạt trong thực hiện nhiệm vụ; có phương pháp làm việc khoa học, dân chủ, đúng nguyên tắc.', 3),
      c('1.4', 'Chấp hành sự phân công, chỉ đạo của tổ chức, sẵn sàng nhận nhiệm vụ; thực hiện tốt các quy định, quy chế, nội quy của cơ quan, đơn vị.', 3),
      c('1.5', 'Thực hiện quy tắc ứng xử của cán bộ, công chức, viên chức, lao động hợp đồng trong các cơ quan thuộc thành phố Hà Nội.', 3),
    ]),
    group('2', CAPACITY_TITLE, 10, [
      c('2.1', 'Chủ động nghiên cứu, cập nhật kịp thời các kiến thức pháp luật và chuyên môn, nghiệp vụ để tham mưu, tổ chức thực hiện công việc có chất lượng.', 3),
      c('2.2', 'Xây dựng kế hoạch công tác cá nhân theo quy định.', 3),
      c('2.3', 'Nắm vững quy chế, quy trình tác nghiệp theo yêu cầu nhiệm vụ được giao.', 2),
      c('2.4', 'Sử dụng thành thạo các phương tiện, thiết bị kỹ thuật phục vụ yêu cầu nhiệm vụ, đảm bảo an toàn, hiệu quả tiết kiệm.', 2),
    ]),
    selfCriticismGroup(),
  ],
};

/** Recursively freezes the presets so that no caller can change the forms for everybody else. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Forms 01–04 of Hanoi 2026 (document 003), in form order. Frozen. */
export const criteriaFrameworks2026: readonly CriteriaFramework[] = deepFreeze([form01, form02, form03, form04]);

/**
 * The framework for `form` among `frameworks` (default: the 2026 forms). Pass the list in force for
 * the month being scored; the first framework for the form wins.
 */
export function criteriaFramework(
  form: CriteriaFormId,
  frameworks: readonly CriteriaFramework[] = criteriaFrameworks2026,
): CriteriaFramework {
  checkArray('frameworks', frameworks);
  const found = frameworks.find((f) => f.form === form);
  if (!found) throw invalid('form', `must be one of ${frameworks.map((f) => f.form).join(', ')}`, form);
  return found;
}

/** `x` as an exact count of hundredths, or null when it has more than 2 decimals (or is huge). */
function hundredths(x: number): number | null {
  const r = readDecimal(x);
  if (!r || r.scale > 2) return null;
  const units = r.num * POW10[2 - r.scale];
  return Number.isSafeInteger(units) ? units : null;
}

export interface SelfScoreInput {
  /** One score per criterion code of the framework, each 0..max and a multiple of the step. */
  scores: Record<string, number>;
  /** Group III, per criterion: 0..that criterion's max, in hundredths. Absent means 0. */
  deductions?: Record<string, number>;
}

export interface GeneralScore {
  /** General criteria after deductions, 0..30, exact to 2 decimals. */
  total: number;
  /** The same per group code. */
  byGroup: Record<string, number>;
  /** Some criterion is 0 after its deduction (Quảng Trị bars B or better: `gradeOf` options). */
  anyCriterionZero: boolean;
}

const fieldOf = (name: 'scores' | 'deductions', code: string) => `${name}[${JSON.stringify(code)}]`;

/**
 * The general-criteria score (group I after group III) of one self-assessment or decision.
 *
 * A deduction lowers only its own criterion and never below 0: the document caps a deduction at the
 * criterion's maximum so that one violation cannot cost more than that criterion is worth, and a
 * deduction larger than the points actually given would otherwise eat into other criteria. So each
 * criterion counts max(0, score − deduction) and the total is never below 0.
 *
 * Deductions need only be whole hundredths (the unit sets them); scores must be multiples of `step`
 * (default 0.25, itself a positive whole number of hundredths).
 */
export function generalScore(
  framework: CriteriaFramework,
  input: SelfScoreInput,
  options?: { step?: number },
): GeneralScore {
  checkObject('input', input);
  const scores = checkObject('scores', input.scores);
  const deductions = input.deductions === undefined ? undefined : checkObject('deductions', input.deductions);
  if (options !== undefined) checkObject('options', options);
  const step = options?.step ?? 0.25;
  const stepUnits = typeof step === 'number' && step > 0 ? hundredths(step) : null;
  if (stepUnits === null || stepUnits <= 0) throw invalid('options.step', 'must be a positive multiple of 0.01', step);

  // Codes the framework does not know are rejected, not ignored: a typo must not drop a score.
  const known = new Set<string>();
  for (const g of framework.groups) for (const item of g.criteria) known.add(item.code);
  for (const code of Object.keys(scores)) {
    if (!known.has(code)) throw invalid(fieldOf('scores', code), `is not a criterion of ${framework.form}`);
  }
  if (deductions) {
    for (const code of Object.keys(deductions)) {
      if (!known.has(code)) throw invalid(fieldOf('deductions', code), `is not a criterion of ${framework.form}`);
    }
  }

  let total = 0;
  let anyCriterionZero = false;
  const byGroup: Record<string, number> = {};
  for (const g of framework.groups) {
    let groupUnits = 0;
    for (const { code, max } of g.criteria) {
      const field = fieldOf('scores', code);
      if (!Object.hasOwn(scores, code)) throw invalid(field, `is required (one score per criterion of ${framework.form})`);
      const value = scores[code];
      const units = typeof value === 'number' && value >= 0 && value <= max ? hundredths(value) : null;
      if (units === null || units % stepUnits !== 0) {
        throw invalid(field, `must be a multiple of ${step} from 0 to ${max}`, value);
      }
      let deducted = 0;
      if (deductions && Object.hasOwn(deductions, code)) {
        const d = deductions[code];
        const dUnits = typeof d === 'number' && d >= 0 && d <= max ? hundredths(d) : null;
        if (dUnits === null) throw invalid(fieldOf('deductions', code), `must be a number from 0 to ${max} in hundredths`, d);
        deducted = dUnits;
      }
      const net = Math.max(0, units - deducted);
      if (net === 0) anyCriterionZero = true;
      groupUnits += net;
    }
    byGroup[g.code] = fromUnits(groupUnits, 2);
    total += groupUnits;
  }
  return { total: fromUnits(total, 2), byGroup, anyCriterionZero };
}

/**
 * Checks a framework's internal consistency; returns the list of problems (empty when valid).
 * `generalScore` trusts its framework, so a hand-built one should pass through this first.
 */
export function validateFramework(framework: CriteriaFramework): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const text = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
  /** Maxima in hundredths; null (reported) when not a positive whole number of hundredths. */
  const maxUnits = (v: unknown, where: string): number | null => {
    const u = typeof v === 'number' && v > 0 ? hundredths(v) : null;
    need(u !== null, `${where}.max must be a positive number in hundredths`);
    return u;
  };

  need(FORM_IDS.includes(framework.form), `form must be one of ${FORM_IDS.join(', ')}`);
  need(text(framework.version), 'version must be a non-empty string');
  need(typeof framework.effectiveFrom === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(framework.effectiveFrom), 'effectiveFrom must be YYYY-MM');
  need(text(framework.title), 'title must be a non-empty string');
  need(text(framework.appliesTo), 'appliesTo must be a non-empty string');
  need(framework.generalMax === 30 && framework.taskResultsMax === 70, 'generalMax must be 30 and taskResultsMax 70');
  if (!Array.isArray(framework.groups) || framework.groups.length === 0) {
    problems.push('groups must be a non-empty array');
    return problems;
  }

  const groupCodes = new Set<string>();
  const criterionCodes = new Set<string>();
  let sum = 0;
  for (const g of framework.groups) {
    const where = `group ${g.code}`;
    need(text(g.code) && !groupCodes.has(g.code), `${where}: code must be non-empty and unique`);
    groupCodes.add(g.code);
    need(text(g.title), `${where}.title must be a non-empty string`);
    const gMax = maxUnits(g.max, where);
    if (gMax !== null) sum += gMax;
    if (!Array.isArray(g.criteria) || g.criteria.length === 0) {
      problems.push(`${where}.criteria must be a non-empty array`);
      continue;
    }
    let criteriaSum = 0;
    for (const item of g.criteria) {
      const at = `criterion ${item.code}`;
      need(text(item.code) && !criterionCodes.has(item.code), `${at}: code must be non-empty and unique`);
      criterionCodes.add(item.code);
      need(item.code === g.code || item.code.startsWith(`${g.code}.`), `${at}: code must be ${g.code} or start with ${g.code}.`);
      need(text(item.text), `${at}.text must be a non-empty string`);
      criteriaSum += maxUnits(item.max, at) ?? 0;
    }
    if (gMax !== null) {
      need(criteriaSum === gMax, `${where}: criteria sum to ${fromUnits(criteriaSum, 2)}, not the group max ${g.max}`);
    }
    const sectionCodes = new Set<string>();
    for (const s of g.sections ?? []) {
      const at = `section ${s.code}`;
      need(s.code.startsWith(`${g.code}.`) && !sectionCodes.has(s.code), `${at}: code must start with ${g.code}. and be unique`);
      sectionCodes.add(s.code);
      need(!g.criteria.some((item) => item.code === s.code), `${at}: code is also a criterion code`);
      need(text(s.title), `${at}.title must be a non-empty string`);
      const sMax = maxUnits(s.max, at);
      const inside = g.criteria.filter((item) => item.code.startsWith(`${s.code}.`));
      const sectionSum = inside.reduce((acc, item) => acc + (hundredths(item.max) ?? 0), 0);
      need(inside.length > 0, `${at}: no criterion belongs to it`);
      if (sMax !== null) need(sectionSum === sMax, `${at}: criteria sum to ${fromUnits(sectionSum, 2)}, not the section max ${s.max}`);
    }
  }
  need(sum === framework.generalMax * 100, `groups sum to ${fromUnits(sum, 2)}, not generalMax ${framework.generalMax}`);
  return problems;
}

import { sql, type Kysely } from 'kysely';

/**
 * Issue 3, second part: agencies keep a materialised path so a subtree of any
 * depth is one `like` away (units of a department and everything below it);
 * units get a business calendar (office hours) and a deactivation time;
 * units are searched through one lower-cased, space-free text (Thai has no
 * spaces between words); the problem types the 1300 centre takes are seeded.
 */
const statements = [
  // '/<ministry id>/<department id>/…/<own id>/' — maintained by the organisations service on create and move.
  sql`alter table agency add column path text`,
  sql`update agency a set path = t.path from (
    with recursive tree(id, path) as (
      select id, '/' || id::text || '/' from agency where parent_id is null
      union all
      select child.id, tree.path || child.id::text || '/' from agency child join tree on child.parent_id = tree.id
    )
    select id, path from tree
  ) t where a.id = t.id`,
  sql`create index agency_path_idx on agency(path text_pattern_ops)`,

  sql`alter table unit add column office_hours jsonb`,
  sql`update unit set office_hours = case when open_24_hours then '{"kind":"24h"}'::jsonb else
    '{"kind":"business","periods":[{"day":1,"opens":"08:30","closes":"16:30"},{"day":2,"opens":"08:30","closes":"16:30"},{"day":3,"opens":"08:30","closes":"16:30"},{"day":4,"opens":"08:30","closes":"16:30"},{"day":5,"opens":"08:30","closes":"16:30"}],"closedOnPublicHolidays":true}'::jsonb end`,
  sql`alter table unit add column deactivated_at timestamptz`,
  // The same expression as UNIT_SEARCH_TEXT in the organisations repository (a migration keeps its own copy).
  sql`update unit set search_text = translate(lower(regexp_replace(concat_ws(' ', name_th, name_en, code,
    (select p.name_th from geo_province p where p.code = unit.province_code),
    (select p.name_en from geo_province p where p.code = unit.province_code)), '\\s+', '', 'g')),
    '๐๑๒๓๔๕๖๗๘๙', '0123456789')`,
  sql`create index unit_active_name_idx on unit(active, name_th, id)`,
  sql`create index unit_problem_type_code_idx on unit_problem_type(problem_type_code)`,

  sql`insert into problem_type (code, name_th, name_en, urgent, lead_agency_code, sort_order) values
    ('teen_pregnancy', 'การตั้งครรภ์ไม่พร้อม / คุณแม่วัยใส', 'Unplanned or teenage pregnancy', true, 'MOPH', 10),
    ('human_trafficking', 'การค้ามนุษย์', 'Human trafficking', true, 'RTP', 20),
    ('child_labour', 'การใช้แรงงานเด็ก', 'Child labour', true, 'MOL', 30),
    ('violence', 'ความรุนแรงต่อเด็ก สตรี ผู้สูงอายุ และคนพิการ', 'Violence against children, women, elderly and disabled people', true, 'MSDHS', 40),
    ('domestic_violence', 'ความรุนแรงในครอบครัว', 'Domestic violence', false, 'MSDHS', 50),
    ('poverty', 'ความยากจน / ครอบครัวยากลำบาก', 'Poverty and families in hardship', false, 'MSDHS', 60),
    ('homelessness', 'คนไร้ที่พึ่ง / คนไร้บ้าน', 'Homelessness', false, 'MSDHS', 70),
    ('begging', 'ขอทาน', 'Begging', false, 'MSDHS', 80),
    ('elderly', 'ผู้สูงอายุ', 'Elderly people in need', false, 'MSDHS', 90),
    ('disability', 'คนพิการ', 'Disabled people in need', false, 'MSDHS', 100),
    ('children_youth', 'เด็กและเยาวชน', 'Children and young people', false, 'MSDHS', 110),
    ('drugs', 'ยาเสพติด', 'Drugs', false, 'MOJ', 120),
    ('missing_person', 'คนหาย', 'Missing persons', false, 'RTP', 130),
    ('mental_health', 'สุขภาพจิต', 'Mental health', false, 'MOPH', 140),
    ('online_abuse', 'การล่วงละเมิดทางออนไลน์', 'Online abuse', false, 'RTP', 150),
    ('other', 'ปัญหาสังคมอื่น ๆ', 'Other social problems', false, null, 999)
    on conflict (code) do nothing`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

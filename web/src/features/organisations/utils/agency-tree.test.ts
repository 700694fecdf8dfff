import type { Agency } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { agencyBranchIds, agencyPath, buildAgencyTree, flattenAgencyTree, indentForDepth } from './agency-tree.ts';

function agency(code: string, nameTh: string, parent: Agency | null, unitCount = 0, active = true): Agency {
  return {
    id: `id-${code}`,
    parentId: parent?.id ?? null,
    code,
    abbrTh: null,
    nameTh,
    nameEn: null,
    rootId: parent?.rootId ?? `id-${code}`,
    depth: parent ? parent.depth + 1 : 0,
    active,
    version: 1,
    unitCount,
  };
}

const msdhs = agency('MSDHS', 'กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์', null);
const dcy = agency('MSDHS-DCY', 'กรมกิจการเด็กและเยาวชน', msdhs, 6);
const ops = agency('MSDHS-OPS', 'สำนักงานปลัด', msdhs, 77);
const protection = agency('MSDHS-DCY-PROT', 'กองคุ้มครองเด็ก', dcy, 2);
const hotline = agency('MSDHS-DCY-PROT-HOT', 'ฝ่ายรับแจ้งเหตุ', protection, 1, false);
const rtp = agency('RTP', 'สำนักงานตำรวจแห่งชาติ', null, 11);
const moi = agency('MOI', 'กระทรวงมหาดไทย', null);

describe('buildAgencyTree', () => {
  // The server's order: by path, so siblings come in whatever order their ids sort.
  const fromServer = [rtp, msdhs, ops, dcy, protection, hotline, moi];

  it('orders each level by Thai name and puts every agency right after its parent, indented by depth', () => {
    const flat = flattenAgencyTree(buildAgencyTree(fromServer));
    expect(flat.map((node) => `${node.depth}:${node.agency.code}`)).toEqual([
      '0:MSDHS',
      '1:MSDHS-DCY',
      '2:MSDHS-DCY-PROT',
      '3:MSDHS-DCY-PROT-HOT',
      '1:MSDHS-OPS',
      '0:MOI',
      '0:RTP',
    ]);
  });

  it('counts the units of a whole branch', () => {
    const [ministry] = buildAgencyTree(fromServer);
    expect(ministry?.agency.code).toBe('MSDHS');
    expect(ministry?.branchUnitCount).toBe(6 + 77 + 2 + 1);
    expect(ministry?.children[0]?.branchUnitCount).toBe(6 + 2 + 1);
  });

  it('keeps an agency whose parent is not in the list, at the top', () => {
    const flat = flattenAgencyTree(buildAgencyTree([protection, hotline]));
    expect(flat.map((node) => `${node.depth}:${node.agency.code}`)).toEqual([
      '0:MSDHS-DCY-PROT',
      '1:MSDHS-DCY-PROT-HOT',
    ]);
  });

  it('does not hang on a cycle in the data', () => {
    const a = { ...agency('A', 'ก', null), parentId: 'id-B' };
    const b = { ...agency('B', 'ข', null), parentId: 'id-A' };
    expect(flattenAgencyTree(buildAgencyTree([a, b, moi])).map((node) => node.agency.code)).toEqual(['MOI']);
  });
});

describe('agency paths and branches', () => {
  const all = [msdhs, dcy, ops, protection, hotline, rtp];

  it('names the way from the ministry down to an agency', () => {
    expect(agencyPath(all, hotline.id).map((item) => item.code)).toEqual([
      'MSDHS',
      'MSDHS-DCY',
      'MSDHS-DCY-PROT',
      'MSDHS-DCY-PROT-HOT',
    ]);
    expect(agencyPath(all, 'unknown')).toEqual([]);
  });

  it('finds everything below an agency, which it cannot be moved under', () => {
    expect([...agencyBranchIds(all, dcy.id)].sort()).toEqual([dcy.id, protection.id, hotline.id].sort());
    expect([...agencyBranchIds(all, rtp.id)]).toEqual([rtp.id]);
  });

  it('indents select options one em space per level', () => {
    expect(indentForDepth(0)).toBe('');
    expect(indentForDepth(2)).toBe('\u2003\u2003');
  });
});

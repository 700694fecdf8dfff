import { describe, expect, it } from 'vitest';
import {
  MAP_WATER_IDS,
  PROVINCE_CODE_BY_MAP_ID,
  provinceCodeOfMapId,
  THAILAND_MAP as thailand,
} from './province-map.ts';

/** The 77 provinces by official code (TIS 1099) with their English names, as the geography reference has them. */
const OFFICIAL_PROVINCES: Record<string, string> = {
  '10': 'Bangkok',
  '11': 'Samut Prakan',
  '12': 'Nonthaburi',
  '13': 'Pathum Thani',
  '14': 'Phra Nakhon Si Ayutthaya',
  '15': 'Ang Thong',
  '16': 'Lop Buri',
  '17': 'Sing Buri',
  '18': 'Chai Nat',
  '19': 'Saraburi',
  '20': 'Chon Buri',
  '21': 'Rayong',
  '22': 'Chanthaburi',
  '23': 'Trat',
  '24': 'Chachoengsao',
  '25': 'Prachin Buri',
  '26': 'Nakhon Nayok',
  '27': 'Sa Kaeo',
  '30': 'Nakhon Ratchasima',
  '31': 'Buri Ram',
  '32': 'Surin',
  '33': 'Si Sa Ket',
  '34': 'Ubon Ratchathani',
  '35': 'Yasothon',
  '36': 'Chaiyaphum',
  '37': 'Amnat Charoen',
  '38': 'Bueng Kan',
  '39': 'Nong Bua Lam Phu',
  '40': 'Khon Kaen',
  '41': 'Udon Thani',
  '42': 'Loei',
  '43': 'Nong Khai',
  '44': 'Maha Sarakham',
  '45': 'Roi Et',
  '46': 'Kalasin',
  '47': 'Sakon Nakhon',
  '48': 'Nakhon Phanom',
  '49': 'Mukdahan',
  '50': 'Chiang Mai',
  '51': 'Lamphun',
  '52': 'Lampang',
  '53': 'Uttaradit',
  '54': 'Phrae',
  '55': 'Nan',
  '56': 'Phayao',
  '57': 'Chiang Rai',
  '58': 'Mae Hong Son',
  '60': 'Nakhon Sawan',
  '61': 'Uthai Thani',
  '62': 'Kamphaeng Phet',
  '63': 'Tak',
  '64': 'Sukhothai',
  '65': 'Phitsanulok',
  '66': 'Phichit',
  '67': 'Phetchabun',
  '70': 'Ratchaburi',
  '71': 'Kanchanaburi',
  '72': 'Suphan Buri',
  '73': 'Nakhon Pathom',
  '74': 'Samut Sakhon',
  '75': 'Samut Songkhram',
  '76': 'Phetchaburi',
  '77': 'Prachuap Khiri Khan',
  '80': 'Nakhon Si Thammarat',
  '81': 'Krabi',
  '82': 'Phang Nga',
  '83': 'Phuket',
  '84': 'Surat Thani',
  '85': 'Ranong',
  '86': 'Chumphon',
  '90': 'Songkhla',
  '91': 'Satun',
  '92': 'Trang',
  '93': 'Phatthalung',
  '94': 'Pattani',
  '95': 'Yala',
  '96': 'Narathiwat',
};

/** Names compared without case and spaces: the map writes "Buriram" and "Phangnga", the reference "Buri Ram". */
const fold = (name: string) => name.toLowerCase().replace(/[\s-]/g, '');

describe('the province map', () => {
  const ids = Object.keys(PROVINCE_CODE_BY_MAP_ID);
  const codes = Object.values(PROVINCE_CODE_BY_MAP_ID);

  it('maps 77 distinct map ids to the 77 distinct official province codes', () => {
    expect(new Set(ids).size).toBe(77);
    expect(new Set(codes).size).toBe(77);
    expect([...codes].sort()).toEqual(Object.keys(OFFICIAL_PROVINCES).sort());
  });

  it('covers every shape of the map, and nothing the map does not draw, leaving only the lake out', () => {
    const shapes = thailand.locations.map((location) => location.id);
    expect([...shapes].sort()).toEqual([...ids, ...MAP_WATER_IDS].sort());
  });

  it('gives each shape the code of the province of the same English name', () => {
    for (const location of thailand.locations) {
      if (MAP_WATER_IDS.includes(location.id)) continue;
      const code = provinceCodeOfMapId(location.id);
      expect(code, location.id).not.toBeNull();
      expect(fold(OFFICIAL_PROVINCES[code ?? ''] ?? ''), `${location.id} ${location.name}`).toBe(fold(location.name));
    }
  });

  it('puts Bangkok at 10, Bueng Kan at 38 and Narathiwat at 96', () => {
    expect(provinceCodeOfMapId('bkk')).toBe('10');
    expect(provinceCodeOfMapId('bkn')).toBe('38');
    expect(provinceCodeOfMapId('nwt')).toBe('96');
    expect(provinceCodeOfMapId('lksg')).toBeNull();
  });
});

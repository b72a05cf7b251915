/**
 * Demo citizens who sign in to the portal with a one-time code. They are the applicants of the
 * demo e-form samples (procedures/samples.ts), with invented identity numbers (001: Hà Nội),
 * e-mail addresses under example.vn and invented phone numbers. Ngô Văn Bình has no e-mail address:
 * asking for a code by e-mail, he is answered as anyone else and nothing is sent.
 */
import type { Db } from '../../db/client.js';

export interface DemoCitizen {
  identityNumber: string;
  fullName: string;
  email: string | null;
  phone: string;
  address: string;
}

export const DEMO_CITIZENS: readonly DemoCitizen[] = [
  {
    identityNumber: '001194012345',
    fullName: 'Nguyễn Thị Lan',
    email: 'nguyenthilan@example.vn',
    phone: '0912345678',
    address: 'Số 12 phố Hàng Trống, Phường Hoàn Kiếm, Thành phố Hà Nội',
  },
  {
    identityNumber: '001097005678',
    fullName: 'Lê Quang Huy',
    email: 'lequanghuy@example.vn',
    phone: '0987654321',
    address: 'Ngõ 165 phố Cầu Giấy, Phường Cầu Giấy, Thành phố Hà Nội',
  },
  {
    identityNumber: '001188009876',
    fullName: 'Bùi Thị Hương',
    email: 'buithihuong@example.vn',
    phone: '0934567890',
    address: 'Số 25 ngõ 68 phố Cầu Giấy, Phường Cầu Giấy, Thành phố Hà Nội',
  },
  {
    identityNumber: '001085001122',
    fullName: 'Ngô Văn Bình',
    email: null,
    phone: '0965432109',
    address: 'Thôn Xuân Dục, Xã Sóc Sơn, Thành phố Hà Nội',
  },
];

/**
 * Adds the demo citizens that are missing. Citizens belong to the installation, not to a
 * deployment, so this runs on its own: a database seeded before they existed gets them too, and
 * a number, e-mail or phone already taken (by a real citizen) is left alone.
 */
export async function seedDemoCitizens(db: Db): Promise<number> {
  const rows = await db
    .insertInto('citizens')
    .values(
      DEMO_CITIZENS.map((c) => ({
        kind: 'individual' as const,
        identity_number: c.identityNumber,
        full_name: c.fullName,
        email: c.email,
        phone: c.phone,
        address: c.address,
        is_demo: true,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

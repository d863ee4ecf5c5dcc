using System.Runtime.CompilerServices;

namespace SimEmulator.Data.Mesh;

/// <summary>
/// The inner deposit loops. Input is a packed buffer of (gx, gy, gz, w) quadruples whose grid coordinates
/// g = x/Δ are already wrapped into [0, N), so the loops need no range checks; the mesh is N³ float32, C order.
/// Weights per dimension follow Pylians' MAS_library (MAS_c.c), written out here in closed form:
/// <list type="bullet">
/// <item>NGP: cell round(g) (half rounds up, as Pylians' (int)(g + 0.5)), weight 1.</item>
/// <item>CIC: i = floor(g), u = g − i; weight 1 − u to cell i, u to cell i + 1.</item>
/// <item>TSC: i = round(g), d = g − i ∈ [−½, ½); 0.75 − d² to i, ½(½ + d)² to i + 1, ½(½ − d)² to i − 1.</item>
/// </list>
/// All cell indices wrap modulo N; arithmetic is float32 like Pylians' with float32 positions.
/// </summary>
internal static unsafe class MassAssignmentKernels
{
    public static void Deposit(MassAssignment assignment, float* mesh, int n, float* particles, int begin, int end)
    {
        switch (assignment)
        {
            case MassAssignment.NGP: Ngp(mesh, n, particles, begin, end); break;
            case MassAssignment.CIC: Cic(mesh, n, particles, begin, end); break;
            case MassAssignment.TSC: Tsc(mesh, n, particles, begin, end); break;
            default: throw new ArgumentOutOfRangeException(nameof(assignment));
        }
    }

    private static void Ngp(float* mesh, int n, float* particles, int begin, int end)
    {
        nint nn = (nint)n * n;
        for (var p = begin; p < end; p++)
        {
            var q = particles + 4 * (nint)p;
            var ix = (int)(q[0] + 0.5f);
            var iy = (int)(q[1] + 0.5f);
            var iz = (int)(q[2] + 0.5f);
            if (ix == n) ix = 0;
            if (iy == n) iy = 0;
            if (iz == n) iz = 0;
            mesh[ix * nn + (nint)iy * n + iz] += q[3];
        }
    }

    private static void Cic(float* mesh, int n, float* particles, int begin, int end)
    {
        nint nn = (nint)n * n;
        for (var p = begin; p < end; p++)
        {
            var q = particles + 4 * (nint)p;
            float gx = q[0], gy = q[1], gz = q[2], w = q[3];
            int ix = (int)gx, iy = (int)gy, iz = (int)gz;
            float ux = gx - ix, uy = gy - iy, uz = gz - iz;
            float lx = 1f - ux, ly = 1f - uy, lz = 1f - uz;

            var x0 = ix * nn;
            var x1 = ix + 1 == n ? 0 : x0 + nn;
            nint y0 = (nint)iy * n;
            var y1 = iy + 1 == n ? 0 : y0 + n;
            nint z0 = iz;
            var z1 = iz + 1 == n ? 0 : z0 + 1;

            float wx0 = lx * w, wx1 = ux * w;
            float w00 = wx0 * ly, w01 = wx0 * uy, w10 = wx1 * ly, w11 = wx1 * uy;

            var r = mesh + x0 + y0; r[z0] += w00 * lz; r[z1] += w00 * uz;
            r = mesh + x0 + y1; r[z0] += w01 * lz; r[z1] += w01 * uz;
            r = mesh + x1 + y0; r[z0] += w10 * lz; r[z1] += w10 * uz;
            r = mesh + x1 + y1; r[z0] += w11 * lz; r[z1] += w11 * uz;
        }
    }

    private static void Tsc(float* mesh, int n, float* particles, int begin, int end)
    {
        nint nn = (nint)n * n;
        for (var p = begin; p < end; p++)
        {
            var q = particles + 4 * (nint)p;
            var w = q[3];
            Tsc1(q[0], n, out var xl, out var xc, out var xr, out var wxl, out var wxc, out var wxr);
            Tsc1(q[1], n, out var yl, out var yc, out var yr, out var wyl, out var wyc, out var wyr);
            Tsc1(q[2], n, out var zl, out var zc, out var zr, out var wzl, out var wzc, out var wzr);
            Row3(mesh, xl * nn, yl, yc, yr, n, wxl * w, wyl, wyc, wyr, zl, zc, zr, wzl, wzc, wzr);
            Row3(mesh, xc * nn, yl, yc, yr, n, wxc * w, wyl, wyc, wyr, zl, zc, zr, wzl, wzc, wzr);
            Row3(mesh, xr * nn, yl, yc, yr, n, wxr * w, wyl, wyc, wyr, zl, zc, zr, wzl, wzc, wzr);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tsc1(float g, int n, out nint l, out nint c, out nint r, out float wl, out float wc, out float wr)
    {
        var i = (int)(g + 0.5f);
        var d = g - i;
        var ci = i == n ? 0 : i;
        c = ci;
        l = ci == 0 ? n - 1 : ci - 1;
        r = ci == n - 1 ? 0 : ci + 1;
        wc = 0.75f - d * d;
        var a = 0.5f + d;
        var b = 0.5f - d;
        wr = 0.5f * a * a;
        wl = 0.5f * b * b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row3(float* mesh, nint xoff, nint yl, nint yc, nint yr, int n, float wx,
        float wyl, float wyc, float wyr, nint zl, nint zc, nint zr, float wzl, float wzc, float wzr)
    {
        var r = mesh + xoff + yl * n; var wy = wx * wyl;
        r[zl] += wy * wzl; r[zc] += wy * wzc; r[zr] += wy * wzr;
        r = mesh + xoff + yc * n; wy = wx * wyc;
        r[zl] += wy * wzl; r[zc] += wy * wzc; r[zr] += wy * wzr;
        r = mesh + xoff + yr * n; wy = wx * wyr;
        r[zl] += wy * wzl; r[zc] += wy * wzc; r[zr] += wy * wzr;
    }
}

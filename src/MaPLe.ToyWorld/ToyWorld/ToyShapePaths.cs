using SkiaSharp;

namespace MaPLe.ToyWorld;

/// <summary>
/// Outlines of every shape around the origin with a nominal radius of 1 (y pointing down). Proportions are chosen so the
/// shapes look about equally large at the same <see cref="ToySize"/>. Owned by one renderer (paths are not shared
/// across threads).
/// </summary>
internal sealed class ToyShapePaths : IDisposable
{
    private readonly SKPath[] _paths;

    public ToyShapePaths() => _paths = Enum.GetValues<ToyShape>().Select(Create).ToArray();

    public SKPath this[ToyShape shape] => _paths[(int)shape];

    public void Dispose()
    {
        foreach (var p in _paths)
            p.Dispose();
    }

    private static SKPath Create(ToyShape shape) => shape switch
    {
        ToyShape.Circle => Circle(0, 0, 1),
        ToyShape.Square => Rect(-0.85f, -0.85f, 0.85f, 0.85f),
        // Centroid at the origin: vertices at radius 1.15 around it.
        ToyShape.Triangle => Polygon(3, 1.15f, 0, 0),
        ToyShape.Star => Star(5, 1.15f, 0.47f),
        ToyShape.Hexagon => Polygon(6, 1.0f, 0, 0),
        ToyShape.Diamond => Points((0, -1.15f), (0.72f, 0), (0, 1.15f), (-0.72f, 0)),
        ToyShape.Cross => Points(
            (-0.32f, -1), (0.32f, -1), (0.32f, -0.32f), (1, -0.32f), (1, 0.32f), (0.32f, 0.32f),
            (0.32f, 1), (-0.32f, 1), (-0.32f, 0.32f), (-1, 0.32f), (-1, -0.32f), (-0.32f, -0.32f)),
        ToyShape.Heart => Heart(),
        ToyShape.Crescent => Crescent(),
        ToyShape.Pentagon => Polygon(5, 1.05f, 0, 0.05f),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Not a defined ToyShape."),
    };

    private static SKPath Circle(float x, float y, float r)
    {
        var p = new SKPath();
        p.AddCircle(x, y, r);
        return p;
    }

    private static SKPath Rect(float l, float t, float r, float b)
    {
        var p = new SKPath();
        p.AddRect(new SKRect(l, t, r, b));
        return p;
    }

    private static SKPath Polygon(int sides, float radius, float dx, float dy) =>
        Points(Enumerable.Range(0, sides).Select(k => Polar(radius, -90 + 360.0 * k / sides, dx, dy)).ToArray());

    private static SKPath Star(int points, float outer, float inner) =>
        Points(Enumerable.Range(0, 2 * points)
            .Select(k => Polar(k % 2 == 0 ? outer : inner, -90 + 180.0 * k / points, 0, 0.08f)).ToArray());

    private static SKPath Heart()
    {
        var p = new SKPath();
        p.MoveTo(0, 1.0f);
        p.CubicTo(-0.55f, 0.55f, -1.25f, 0.05f, -1.0f, -0.5f);
        p.CubicTo(-0.75f, -1.05f, -0.1f, -1.0f, 0, -0.45f);
        p.CubicTo(0.1f, -1.0f, 0.75f, -1.05f, 1.0f, -0.5f);
        p.CubicTo(1.25f, 0.05f, 0.55f, 0.55f, 0, 1.0f);
        p.Close();
        return p;
    }

    private static SKPath Crescent()
    {
        // A disc with an offset disc cut out; the horns point right.
        using var outer = Circle(-0.1f, 0, 1.05f);
        using var bite = Circle(0.42f, -0.05f, 0.85f);
        var crescent = outer.Op(bite, SKPathOp.Difference)
                       ?? throw new InvalidOperationException("Skia could not build the crescent outline.");
        // Centre the visible part, else the crescent looks shifted away from its anchor.
        var b = crescent.Bounds;
        crescent.Transform(SKMatrix.CreateTranslation(-b.MidX, -b.MidY));
        return crescent;
    }

    private static SKPath Points(params (float X, float Y)[] points)
    {
        var p = new SKPath();
        p.MoveTo(points[0].X, points[0].Y);
        foreach (var (x, y) in points.Skip(1))
            p.LineTo(x, y);
        p.Close();
        return p;
    }

    private static (float X, float Y) Polar(float radius, double degrees, float dx, float dy)
    {
        var a = degrees * Math.PI / 180;
        return ((float)(radius * Math.Cos(a)) + dx, (float)(radius * Math.Sin(a)) + dy);
    }
}

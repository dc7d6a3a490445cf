using SkiaSharp;

namespace MaPLe.ToyWorld;

/// <summary>Paints a scene's background pattern (the plain colour is already cleared) in its colour's tone.</summary>
internal readonly ref struct ToyBackgroundPainter(SKCanvas canvas, SKPaint fill, int imageSize)
{
    public void Paint(ToyScene scene, ref ToyRandom rng)
    {
        float n = imageSize;
        // About eight pattern periods per image side, whatever the resolution.
        var period = n / 8f;
        var phase = (float)rng.NextDouble() * period;
        var tone = ToyRenderer.Sk(ToyPalette.Tone(scene.BackgroundColor));
        fill.Shader = null;
        fill.Color = tone;
        switch (scene.Texture)
        {
            case ToyTexture.Plain:
                break;
            case ToyTexture.Striped:
                Stripes(n, period, phase, angle: 45 * rng.NextInt(4));
                break;
            case ToyTexture.Dotted:
                for (var y = phase - period; y < n + period; y += period)
                    for (var x = phase - period; x < n + period; x += period)
                        canvas.DrawCircle(x, y, period * 0.28f, fill);
                break;
            case ToyTexture.Checkered:
                var cells = (int)Math.Ceiling(n / period) + 1;
                for (var i = 0; i < cells; i++)
                    for (var j = 0; j < cells; j++)
                        if (((i + j) & 1) == 0)
                            canvas.DrawRect(SKRect.Create(phase - period + i * period, phase - period + j * period, period, period), fill);
                break;
            case ToyTexture.Gradient:
                var a = rng.NextDouble() * 2 * Math.PI;
                float dx = (float)Math.Cos(a) * n / 2, dy = (float)Math.Sin(a) * n / 2;
                var from = ToyRenderer.Sk(ToyPalette.Rgb(scene.BackgroundColor));
                using (var shader = SKShader.CreateLinearGradient(
                           new SKPoint(n / 2 - dx, n / 2 - dy), new SKPoint(n / 2 + dx, n / 2 + dy), [from, tone], SKShaderTileMode.Clamp))
                {
                    fill.Shader = shader;
                    canvas.DrawRect(SKRect.Create(0, 0, n, n), fill);
                    fill.Shader = null;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scene), scene.Texture, "Not a defined ToyTexture.");
        }
    }

    private void Stripes(float n, float period, float phase, int angle)
    {
        canvas.Save();
        canvas.RotateDegrees(angle, n / 2, n / 2);
        // Rotated stripes must still cover the corners: span 3n around the centre.
        for (var y = -n + phase; y < 2 * n; y += period)
            canvas.DrawRect(SKRect.Create(-n, y, 3 * n, period / 2), fill);
        canvas.Restore();
    }
}

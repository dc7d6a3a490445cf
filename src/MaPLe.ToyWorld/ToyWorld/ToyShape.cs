namespace MaPLe.ToyWorld;

/// <summary>The shapes of the toy world.</summary>
public enum ToyShape
{
    /// <summary>"circle".</summary>
    Circle,
    /// <summary>"square".</summary>
    Square,
    /// <summary>"triangle" (pointing up).</summary>
    Triangle,
    /// <summary>"star" (five points).</summary>
    Star,
    /// <summary>"hexagon".</summary>
    Hexagon,
    /// <summary>"diamond" (a tall rhombus, distinct from a rotated square).</summary>
    Diamond,
    /// <summary>"cross" (a plus sign).</summary>
    Cross,
    /// <summary>"heart".</summary>
    Heart,
    /// <summary>"crescent".</summary>
    Crescent,
    /// <summary>"pentagon".</summary>
    Pentagon,
}

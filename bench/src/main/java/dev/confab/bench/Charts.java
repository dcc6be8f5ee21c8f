package dev.confab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts, drawn by XChart (headless). */
final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** One line of a latency chart: a system's percentile at each offered load. */
    record Line(String name, List<Double> offered, List<Double> millis) {
        Line {
            if (offered.size() != millis.size()) throw new IllegalArgumentException("one latency per offered load");
        }
    }

    /** Latency (log scale, ms) against offered deliveries/s, one line per system and percentile. */
    static void latency(Path png, String title, List<Line> lines) throws IOException {
        XYChart c = new XYChartBuilder().width(1000).height(520).title(title)
                .xAxisTitle("offered deliveries/s (posts/s × members)").yAxisTitle("latency, ms (log scale)").build();
        var st = c.getStyler();
        st.setYAxisLogarithmic(true);
        st.setLegendPosition(Styler.LegendPosition.OutsideE); // inside, it hid the low-rate points
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setXAxisDecimalPattern("#,###");
        st.setYAxisDecimalPattern("#,##0.##");
        for (Line l : lines) {
            if (l.offered().isEmpty()) continue;
            XYSeries s = c.addSeries(l.name(), l.offered(), l.millis().stream().map(v -> Math.max(v, 0.01)).toList());
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        save(c, png);
    }

    /** Bars: one value per system (e.g. KiB of server memory per idle connection). */
    static void bars(Path png, String title, String yTitle, Map<String, Double> values) throws IOException {
        CategoryChart c = new CategoryChartBuilder().width(700).height(450).title(title).yAxisTitle(yTitle).build();
        var st = c.getStyler();
        st.setLegendVisible(false);
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setLabelsVisible(true);
        st.setYAxisDecimalPattern("#,##0.#");
        c.addSeries(yTitle, List.copyOf(values.keySet()), List.copyOf(values.values()));
        save(c, png);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> c, Path png) throws IOException {
        if (png.getParent() != null) Files.createDirectories(png.getParent());
        String base = png.toString().endsWith(".png") ? png.toString().substring(0, png.toString().length() - 4) : png.toString();
        BitmapEncoder.saveBitmap(c, base, BitmapEncoder.BitmapFormat.PNG);
    }
}

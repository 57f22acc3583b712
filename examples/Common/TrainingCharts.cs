using Microsoft.ML.Data;
using ScottPlot;

namespace Rnn.Examples.Common;

/// <summary>PNG pictures of a training run (ScottPlot): loss and accuracy per epoch, and a confusion matrix.</summary>
public static class TrainingCharts
{
    /// <summary>Writes loss (left axis) and accuracy (right axis) per epoch to <paramref name="path"/>, validation curves too when recorded.</summary>
    public static void SaveCurves(TrainingHistory history, string path, string title)
    {
        var epochs = history.Epochs.Select(e => (double)e.Epoch).ToArray();
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("epoch");

        var loss = plot.Add.Scatter(epochs, history.Epochs.Select(e => e.Loss).ToArray());
        loss.LegendText = "training loss";
        plot.Axes.Left.Label.Text = "loss";

        var accuracy = plot.Add.Scatter(epochs, history.Epochs.Select(e => e.Accuracy).ToArray());
        accuracy.LegendText = "training accuracy";
        accuracy.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "accuracy";

        // With a validation set, its curves go on the same axes (dashed), so over-fitting shows as a gap.
        if (history.Epochs.Count > 0 && history.Epochs.All(e => e.ValidationLoss is not null))
        {
            var validationLoss = plot.Add.Scatter(epochs, history.Epochs.Select(e => e.ValidationLoss!.Value).ToArray());
            validationLoss.LegendText = "validation loss";
            validationLoss.Color = loss.Color;
            validationLoss.LinePattern = LinePattern.Dashed;

            var validationAccuracy = plot.Add.Scatter(epochs, history.Epochs.Select(e => e.ValidationAccuracy!.Value).ToArray());
            validationAccuracy.LegendText = "validation accuracy";
            validationAccuracy.Color = accuracy.Color;
            validationAccuracy.LinePattern = LinePattern.Dashed;
            validationAccuracy.Axes.YAxis = plot.Axes.Right;
        }

        // A schedule's rate on an axis of its own, when it changes at all.
        var rates = history.Epochs.Select(e => e.LearningRate).ToArray();
        if (rates.Distinct().Count() > 1)
        {
            var rateAxis = plot.Axes.AddRightAxis();
            rateAxis.LabelText = "learning rate";
            var rate = plot.Add.Scatter(epochs, rates);
            rate.LegendText = "learning rate";
            rate.LinePattern = LinePattern.Dotted;
            rate.Axes.YAxis = rateAxis;
        }

        plot.ShowLegend(Alignment.MiddleRight);
        plot.SavePng(path, 800, 500);
    }

    /// <summary>Writes ML.NET's confusion matrix as a heat map with counts, rows = truth, columns = prediction.</summary>
    public static void SaveConfusionMatrix(ConfusionMatrix matrix, IReadOnlyList<string> classNames, string path, string title)
    {
        int n = matrix.NumberOfClasses;
        var counts = new double[n, n];
        for (int truth = 0; truth < n; truth++)
        {
            for (int predicted = 0; predicted < n; predicted++)
                counts[truth, predicted] = matrix.Counts[truth][predicted];
        }

        var plot = new Plot();
        plot.Title(title);
        var heatmap = plot.Add.Heatmap(counts);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
        for (int truth = 0; truth < n; truth++)
        {
            for (int predicted = 0; predicted < n; predicted++)
            {
                var label = plot.Add.Text(counts[truth, predicted].ToString("0"), predicted, n - 1 - truth);
                label.LabelFontColor = counts[truth, predicted] > counts.Cast<double>().Max() / 2 ? Colors.Black : Colors.White;
                label.LabelAlignment = Alignment.MiddleCenter;
            }
        }

        var ticks = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, [.. classNames]);
        plot.Axes.Left.SetTicks(ticks.Select(t => n - 1 - t).ToArray(), [.. classNames]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.SavePng(path, 900, 800);
    }
}
